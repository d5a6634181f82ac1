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

    private NodeSetupRules() {}

    static void check(Spec spec, PlanValidator.Problems out) {
        String version = spec.k3s().version();
        if (version == null || version.isEmpty()) {
            out.error("spec.k3s.version", "required: a pinned k3s release such as " + Spec.K3s.DEFAULT_VERSION);
        } else {
            Matcher m = K3S_VERSION.matcher(version);
            if (!m.matches()) {
                out.error("spec.k3s.version", "must be a k3s release written v<major>.<minor>.<patch>+k3s<n>, e.g. " + Spec.K3s.DEFAULT_VERSION);
            } else if (Integer.parseInt(m.group(1)) == 1 && Integer.parseInt(m.group(2)) < OLDEST_SUPPORTED_MINOR) {
                out.warning("spec.k3s.version", "Kubernetes 1." + m.group(2) + " no longer gets upstream fixes; a current release such as "
                        + Spec.K3s.DEFAULT_VERSION + " is safer");
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
