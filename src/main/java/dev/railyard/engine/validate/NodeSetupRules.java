package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Spec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every server gets: a pinned k3s release and the administrator's SSH public key. The key file
 * is only named here; validation stays offline and pure, so it is not read.
 */
final class NodeSetupRules {

    static final int OLDEST_SUPPORTED_MINOR = 30;
    static final int MAX_PATH = 4096;
    private static final Pattern K3S_VERSION = Pattern.compile("v(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\+k3s([1-9][0-9]{0,3})");

    /** The newest k3s line Railyard runs Gitpod 2022.11 on: 1.30, the last on containerd 1.7. */
    static final int GITPOD_NEWEST_MINOR = 30;

    private NodeSetupRules() {}

    private static boolean newerThanGitpodLine(Matcher m) {
        return Integer.parseInt(m.group(1)) > 1 || Integer.parseInt(m.group(2)) > GITPOD_NEWEST_MINOR;
    }

    /** k3s ships containerd 2 from v1.31.6 and in the 1.32 line and later (k3s release notes). */
    static boolean shipsContainerd2(Matcher m) {
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        return major > 1 || minor >= 32 || (minor == 31 && patch >= 6);
    }

    private static String untestedWithGitpod(String version, Matcher m) {
        return "is allowed, but untested with Gitpod 2022.11: Gitpod never ran that release line on Kubernetes 1.25 or newer"
                + (shipsContainerd2(m) ? ", and " + version + " ships containerd 2 (k3s moved to it in v1.31.6 and the 1.32 line),"
                + " whose API and config Gitpod 2022.11's ws-daemon and registry-facade were never built against" : "")
                + ". " + Spec.K3s.GITPOD_VERSION + " is the newest k3s on containerd 1.7, Railyard's default for Gitpod";
    }

    static void check(Spec spec, PlanValidator.Problems out) {
        String version = spec.k3s().version();
        String suggested = Spec.K3s.defaultFor(spec);
        if (version == null || version.isEmpty()) {
            out.error("spec.k3s.version", "required: a pinned k3s release such as " + suggested);
        } else {
            Matcher m = K3S_VERSION.matcher(version);
            if (!m.matches()) {
                out.error("spec.k3s.version", "must be a k3s release written v<major>.<minor>.<patch>+k3s<n>, e.g. " + suggested);
            } else if (Integer.parseInt(m.group(1)) == 1 && Integer.parseInt(m.group(2)) < OLDEST_SUPPORTED_MINOR) {
                out.warning("spec.k3s.version", "Kubernetes 1." + m.group(2) + " no longer gets upstream fixes; " + suggested + " is safer");
            } else if (suggested.equals(Spec.K3s.GITPOD_VERSION) && newerThanGitpodLine(m)) {
                out.warning("spec.k3s.version", untestedWithGitpod(version, m));
            }
        }
        String key = spec.sshKey().publicKeyFile();
        if (key == null || key.isBlank()) {
            out.error("spec.sshKey.publicKeyFile", "required: the path of your SSH public key, e.g. ~/.ssh/id_ed25519.pub");
        } else if (key.length() > MAX_PATH) {
            out.error("spec.sshKey.publicKeyFile", "is longer than " + MAX_PATH + " characters; give the path of the public key file");
        } else if (!key.endsWith(".pub")) {
            out.warning("spec.sshKey.publicKeyFile", "does not end in .pub; make sure this is the public key, never the private one");
        }
    }
}
