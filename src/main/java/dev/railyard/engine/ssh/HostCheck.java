package dev.railyard.engine.ssh;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the wizard's "Test SSH" learns about a server the plan lists, before anything is run on it:
 * whether it answers with the plan's user, key and port, whether that user is root or has sudo
 * without a password (the install script needs one of them), its OS and architecture, and its host
 * key's fingerprint, to compare with the server's console before the first provisioning run pins it.
 * Nothing is changed on the server. The key is only shown, never trusted here: provisioning asks
 * before it pins one.
 */
public record HostCheck(boolean answered, String problem, String hostKeyType, String fingerprint, String user,
                        boolean root, boolean passwordlessSudo, String os, String arch) {

    private static final Logger LOG = LoggerFactory.getLogger(HostCheck.class);

    /** One line per fact, all printed at once: a reply the parser can rely on even when a command is missing. */
    static final String PROBE = "id -un; id -u; if sudo -n true 2>/dev/null; then echo sudo-yes; else echo sudo-no; fi; "
            + "(. /etc/os-release 2>/dev/null && echo \"$PRETTY_NAME\") || echo unknown; uname -m";

    public static HostCheck run(SshSessions sessions, SshTarget target) {
        // accepting whatever key the server shows is safe for a probe: public-key authentication gives an
        // impostor nothing it can reuse, and no secret is sent; the fingerprint is reported, not pinned
        try (SshSession session = sessions.connect(target, HostKeyPolicy.trustOnFirstUse(notice -> { }))) {
            String key = session.hostKeyLine();
            byte[] wire = PublicKeys.wire(key);
            List<String> lines = session.read(PROBE).lines().map(String::strip).toList();
            if (lines.size() < 5) {
                return failed("the server answered, but not like a Linux shell: " + String.join(" | ", lines));
            }
            return new HostCheck(true, null, PublicKeys.type(wire), PublicKeys.fingerprint(wire), lines.get(0), "0".equals(lines.get(1)),
                    "sudo-yes".equals(lines.get(2)), lines.get(3), lines.get(4));
        } catch (SshFailure e) {
            return failed(e.getMessage());
        } catch (Exception e) {
            LOG.debug("test SSH to {} failed", target.describe(), e);
            return failed(target.describe() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static HostCheck failed(String problem) {
        return new HostCheck(false, problem, null, null, null, false, false, null, null);
    }

    /** True when k3s can be installed as this user: root, or sudo without a password. */
    public boolean canInstall() {
        return answered && (root || passwordlessSudo);
    }

    /** One paragraph for the screen. */
    public String describe() {
        if (!answered) return problem;
        String rights = root ? "logged in as root" : passwordlessSudo ? "logged in as " + user + ", sudo without a password works"
                : "logged in as " + user + ", but sudo asks for a password: the install script needs root or passwordless sudo";
        return "answers: " + rights + "; " + os + " (" + arch + "); host key " + hostKeyType + " " + fingerprint
                + " (compare it with `ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileType() + "_key.pub` on the server's console)";
    }

    private String keyFileType() {
        return switch (hostKeyType == null ? "" : hostKeyType) {
            case "ssh-rsa" -> "rsa";
            case "ssh-ed25519" -> "ed25519";
            default -> hostKeyType != null && hostKeyType.startsWith("ecdsa") ? "ecdsa" : "ed25519";
        };
    }
}
