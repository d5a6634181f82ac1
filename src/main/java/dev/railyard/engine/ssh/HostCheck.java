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
                        boolean root, boolean passwordlessSudo, String os, String arch, Facts facts) {

    private static final Logger LOG = LoggerFactory.getLogger(HostCheck.class);

    /** One line per fact, all printed at once: a reply the parser can rely on even when a command is missing. */
    static final String PROBE = "id -un; id -u; if sudo -n true 2>/dev/null; then echo sudo-yes; else echo sudo-no; fi; "
            + "(. /etc/os-release 2>/dev/null && echo \"$PRETTY_NAME\") || echo unknown; uname -m; "
            + Facts.PROBE;

    /**
     * What decides whether Gitpod 2022.11 can run on a host, read over SSH before anything is installed: the
     * kernel release, the cgroup file system, the OS's os-release ids.
     */
    public record Facts(String kernel, String cgroup, String osId, String osIdLike, String osVersion) {

        /** Four more lines after {@code uname -m}; each prints one line even when its command fails. */
        static final String PROBE = "uname -r 2>/dev/null || echo unknown; stat -fc %T /sys/fs/cgroup 2>/dev/null || echo unknown; "
                + "(. /etc/os-release 2>/dev/null && echo \"${ID:-unknown}|${ID_LIKE:-}|${VERSION_ID:-}\") || echo 'unknown||'";

        /** The installer's own minimum (install/installer/pkg/cluster/checks.go at 2022.11.3: kernel ">= 5.4.0-0"). */
        public static final int[] MIN_KERNEL = {5, 4};

        static Facts parse(String kernel, String cgroupFs, String osLine) {
            String[] os = (osLine + "||").split("\\|", -1);
            String cgroup = switch (cgroupFs) {
                case "cgroup2fs" -> "v2";
                case "tmpfs" -> "v1";
                default -> "unknown (" + cgroupFs + ")";
            };
            return new Facts(kernel, cgroup, os[0], os[1], os[2]);
        }

        /** Ubuntu 24.04 and later restrict unprivileged user namespaces through AppArmor. */
        public boolean restrictsUserNamespaces() {
            if (!"ubuntu".equals(osId)) return false;
            String[] v = osVersion.split("\\.");
            try {
                return Integer.parseInt(v[0]) >= 24;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** Whether the kernel release is at least {@link #MIN_KERNEL}; false when it cannot be read. */
        public boolean kernelAtLeastMinimum() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+).*").matcher(kernel);
            if (!m.matches()) return false;
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            return major > MIN_KERNEL[0] || (major == MIN_KERNEL[0] && minor >= MIN_KERNEL[1]);
        }

        boolean aptBased() {
            return java.util.List.of("debian", "ubuntu", "raspbian").contains(osId) || (" " + osIdLike + " ").contains(" debian ")
                    || (" " + osIdLike + " ").contains(" ubuntu ");
        }
    }

    /** Whether {@code uname -m} names an architecture Gitpod 2022.11 published images for. */
    public static boolean isAmd64(String arch) {
        return "x86_64".equals(arch) || "amd64".equals(arch);
    }

    /**
     * Why Gitpod 2022.11 cannot be installed on this host, one sentence each; empty when nothing stands in the way.
     * Gitpod published its core images for amd64 only (gitpod-io/gitpod issues 1756 and 8509).
     */
    public java.util.List<String> gitpodProblems() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!answered) return out;
        if (!isAmd64(arch)) {
            out.add("its architecture is " + arch + ": Gitpod 2022.11 publishes its images for amd64 (x86_64) only"
                    + " (gitpod-io/gitpod issues 1756 and 8509), so its pods cannot start here; use amd64 servers, or run Coder on this one");
        }
        if (!facts.kernelAtLeastMinimum()) {
            out.add("its kernel is " + facts.kernel() + ": Gitpod 2022.11's installer requires 5.4 or newer");
        }
        if (facts.cgroup().startsWith("unknown")) {
            out.add("no cgroup file system at /sys/fs/cgroup (" + facts.cgroup() + "): k3s needs cgroup v2 or v1");
        }
        if (!facts.aptBased()) {
            out.add("its OS is " + os + " (" + facts.osId() + "): Railyard's install script needs a systemd host with apt"
                    + " (Debian, Ubuntu, Raspberry Pi OS)");
        }
        return out;
    }

    /** Reads the probe's reply from an open session. */
    public static HostCheck probe(SshSession session) throws java.io.IOException {
        String key = session.hostKeyLine();
        byte[] wire = PublicKeys.wire(key);
        List<String> lines = session.read(PROBE).lines().map(String::strip).toList();
        if (lines.size() < 8) {
            return failed("the server answered, but not like a Linux shell: " + String.join(" | ", lines));
        }
        return new HostCheck(true, null, PublicKeys.type(wire), PublicKeys.fingerprint(wire), lines.get(0), "0".equals(lines.get(1)),
                "sudo-yes".equals(lines.get(2)), lines.get(3), lines.get(4), Facts.parse(lines.get(5), lines.get(6), lines.get(7)));
    }

    public static HostCheck run(SshSessions sessions, SshTarget target) {
        // accepting whatever key the server shows is safe for a probe: public-key authentication gives an
        // impostor nothing it can reuse, and no secret is sent; the fingerprint is reported, not pinned
        try (SshSession session = sessions.connect(target, HostKeyPolicy.trustOnFirstUse(notice -> { }))) {
            return probe(session);
        } catch (SshFailure e) {
            return failed(e.getMessage());
        } catch (Exception e) {
            LOG.debug("test SSH to {} failed", target.describe(), e);
            return failed(target.describe() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static HostCheck failed(String problem) {
        return new HostCheck(false, problem, null, null, null, false, false, null, null, null);
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
        List<String> gitpod = gitpodProblems();
        return "answers: " + rights + "; " + os + ", architecture " + arch + ", kernel " + facts.kernel() + ", cgroup " + facts.cgroup()
                + "; host key " + hostKeyType + " " + fingerprint
                + " (compare it with `ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileType() + "_key.pub` on the server's console)"
                + (gitpod.isEmpty() ? "" : ". Gitpod cannot be installed here: " + String.join("; ", gitpod));
    }

    private String keyFileType() {
        return switch (hostKeyType == null ? "" : hostKeyType) {
            case "ssh-rsa" -> "rsa";
            case "ssh-ed25519" -> "ed25519";
            default -> hostKeyType != null && hostKeyType.startsWith("ecdsa") ? "ecdsa" : "ed25519";
        };
    }
}
