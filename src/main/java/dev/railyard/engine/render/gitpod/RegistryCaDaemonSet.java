package dev.railyard.engine.render.gitpod;

import dev.railyard.engine.images.GitpodImages;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.GitpodNodeLabels;
import dev.railyard.engine.render.k3s.HostScripts;
import dev.railyard.engine.render.template.Block;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upload TLS: a DaemonSet that copies the certificates of the Secret {@code https-certificates} (which
 * registry-facade serves as {@code reg.<domain>:20000}) into the CA file k3s's registries.yaml names, on every
 * node that runs workspaces. A DaemonSet rather than an SSH copy, because nodes the autoscaler (or Azure's scale
 * set) adds after the run are never reached over SSH, and a replaced certificate reaches the hosts without a run.
 */
public final class RegistryCaDaemonSet {

    public static final String FILE = "gitpod/registry-ca/daemonset.yaml";
    public static final String NAME = "railyard-registry-ca";
    /** The Secret and key it copies: the certificate the installer's {@code certificate} names (registry-facade's TLS). */
    public static final String SECRET = "https-certificates";
    public static final String KEY = "tls.crt";
    /** Where the container sees the host folder {@link HostScripts#REGISTRY_CA_FOLDER}. */
    static final String MOUNT = "/railyard/host";
    static final String SCRIPT_RESOURCE = "/templates/gitpod/registry-ca-copy.sh";

    private static final Template DAEMON_SET = Template.resource("gitpod/registry-ca-daemonset.yaml.tmpl");

    private RegistryCaDaemonSet() {}

    /** Only Gitpod plans with an uploaded certificate: a Let's Encrypt certificate is trusted by the hosts already. */
    public static boolean neededFor(ClusterPlan plan) {
        return plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD
                && Gitpod.Tls.UPLOAD.equals(plan.spec().gitpod().tls().mode());
    }

    public static String render(ClusterPlan plan) {
        return DAEMON_SET.render(Map.of(
                "name", NAME,
                "workspaceLabels", List.of(GitpodNodeLabels.WORKSPACE_REGULAR, GitpodNodeLabels.WORKSPACE_HEADLESS),
                "image", image(plan.spec().gitpod().repository()),
                "script", new Block(script()),
                "target", MOUNT + "/" + caFileName(),
                "mountPath", MOUNT,
                "hostFolder", HostScripts.REGISTRY_CA_FOLDER), YamlEscaper.plain());
    }

    /** Gitpod's ca-updater image of the release, under the plan's repository (already in the pull check). */
    static String image(String planRepository) {
        Optional<String> image = GitpodImages.release2022_11_3().images(planRepository, false).stream()
                .filter(i -> i.substring(0, i.lastIndexOf(':')).endsWith("/ca-updater")).findFirst();
        return image.orElseThrow(() -> new IllegalStateException(GitpodImages.RESOURCE + " lists no ca-updater image"));
    }

    /** The copy script the container runs: SOURCE TARGET INTERVAL. */
    public static String script() {
        try (InputStream in = RegistryCaDaemonSet.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + SCRIPT_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String caFileName() {
        String file = HostScripts.REGISTRY_CA_FILE;
        if (!file.startsWith(HostScripts.REGISTRY_CA_FOLDER + "/")) throw new IllegalStateException(file + " is not in its folder");
        return file.substring(HostScripts.REGISTRY_CA_FOLDER.length() + 1);
    }
}
