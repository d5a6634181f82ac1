package dev.railyard.engine.run;

import dev.railyard.engine.render.gitpod.RegistryCaDaemonSet;
import dev.railyard.engine.render.k3s.HostScripts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload TLS, after the installer: the workspace nodes must trust the certificate registry-facade serves at
 * {@code reg.<domain>:20000} (the Secret {@code https-certificates}), through the CA file their registries.yaml
 * names. Waits for that Secret's certificate, applies the export's DaemonSet {@link RegistryCaDaemonSet} (which
 * copies it on every workspace node, now and on nodes added later), and waits until each of those pods has
 * written the file. No k3s restart: registries.yaml was in place before k3s first started (cloud-init and the
 * install scripts write it first), and containerd reads the CA file at every pull.
 *
 * <p>Reads only the certificate of the Secret; its key is never logged or kept.
 */
public final class RegistryCaStep {

    /** The DaemonSet's annotation with the SHA-256 of the exported manifest: equal means nothing to apply. */
    static final String MANIFEST_HASH = "railyard.dev/manifest-sha256";
    private static final Pattern CERTIFICATE = Pattern.compile("-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----");

    private final Supplier<KubernetesClient> client;
    private final RunOptions options;
    private final Duration poll;

    public RegistryCaStep(Supplier<KubernetesClient> client, RunOptions options, Duration poll) {
        this.client = client;
        this.options = options;
        this.poll = poll;
    }

    public Step step() {
        return new SimpleStep("registry-ca", "Trust the uploaded certificate for workspace images on every workspace node", ctx -> {
            Path file = options.exportDir().resolve(RegistryCaDaemonSet.FILE);
            if (!Files.isReadable(file)) throw new StepFailedException("missing " + file + ": export the plan again (railyard generate)");
            String manifest = Files.readString(file, StandardCharsets.UTF_8);
            KubernetesClient k = client.get();
            long deadline = System.nanoTime() + options.clusterWait().toNanos();
            int certificates = waitForCertificate(ctx, k, deadline);
            ctx.info("Secret " + ClusterSteps.GITPOD + "/" + RegistryCaDaemonSet.SECRET + " holds " + certificates + " certificate(s) in "
                    + RegistryCaDaemonSet.KEY + "; every workspace node gets them as " + HostScripts.REGISTRY_CA_FILE);
            apply(ctx, k, manifest);
            waitForNodes(ctx, k, deadline);
        });
    }

    /** The number of PEM certificates in the Secret's tls.crt, once there is one. */
    private int waitForCertificate(StepContext ctx, KubernetesClient k, long deadline) throws Exception {
        String name = ClusterSteps.GITPOD + "/" + RegistryCaDaemonSet.SECRET;
        String last = "";
        while (true) {
            Secret secret = k.secrets().inNamespace(ClusterSteps.GITPOD).withName(RegistryCaDaemonSet.SECRET).get();
            int count = secret == null ? 0 : countCertificates(certificateOf(secret));
            if (count > 0) return count;
            String now = secret == null ? "waiting for Secret " + name : "Secret " + name + " has no PEM certificate in " + RegistryCaDaemonSet.KEY;
            if (!now.equals(last)) ctx.info(now);
            last = now;
            if (System.nanoTime() > deadline) {
                throw new StepFailedException("gave up after " + options.clusterWait().toSeconds() + " s: " + now + " (key "
                        + RegistryCaDaemonSet.KEY + "), which the gitpod-secrets step creates from spec.gitpod.tls.certificateRef; check it with"
                        + " `kubectl -n " + ClusterSteps.GITPOD + " get secret " + RegistryCaDaemonSet.SECRET + "` and run `railyard resume`");
            }
            ctx.cancellation().sleep(poll.toMillis());
        }
    }

    /** tls.crt only (the key stays unread), from data or stringData. */
    static String certificateOf(Secret secret) {
        if (secret.getData() != null && secret.getData().get(RegistryCaDaemonSet.KEY) != null) {
            return new String(Base64.getMimeDecoder().decode(secret.getData().get(RegistryCaDaemonSet.KEY)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().get(RegistryCaDaemonSet.KEY) != null) {
            return secret.getStringData().get(RegistryCaDaemonSet.KEY);
        }
        return "";
    }

    static int countCertificates(String pem) {
        Matcher m = CERTIFICATE.matcher(pem);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static void apply(StepContext ctx, KubernetesClient k, String manifest) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
        DaemonSet desired = null;
        for (HasMetadata item : k.load(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))).items()) {
            if (item instanceof DaemonSet d) desired = d;
        }
        if (desired == null) throw new StepFailedException(RegistryCaDaemonSet.FILE + " holds no DaemonSet: export the plan again");
        DaemonSet live = k.apps().daemonSets().inNamespace(ClusterSteps.GITPOD).withName(desired.getMetadata().getName()).get();
        String what = "DaemonSet " + ClusterSteps.GITPOD + "/" + desired.getMetadata().getName();
        if (live != null && live.getMetadata().getAnnotations() != null && hash.equals(live.getMetadata().getAnnotations().get(MANIFEST_HASH))) {
            ctx.info(what + " is unchanged; kept (its pods keep the CA file equal to the Secret)");
            return;
        }
        var annotations = new LinkedHashMap<String, String>();
        if (desired.getMetadata().getAnnotations() != null) annotations.putAll(desired.getMetadata().getAnnotations());
        annotations.put(MANIFEST_HASH, hash);
        desired.getMetadata().setAnnotations(annotations);
        desired.getMetadata().setNamespace(ClusterSteps.GITPOD);
        ClusterSteps.apply(ctx, k, desired);
    }

    /** Every scheduled pod of the DaemonSet current and Ready (its readiness probe: the CA file exists). */
    private void waitForNodes(StepContext ctx, KubernetesClient k, long deadline) throws Exception {
        String last = "";
        while (true) {
            DaemonSet live = k.apps().daemonSets().inNamespace(ClusterSteps.GITPOD).withName(RegistryCaDaemonSet.NAME).get();
            var status = live == null ? null : live.getStatus();
            int desired = status == null || status.getDesiredNumberScheduled() == null ? -1 : status.getDesiredNumberScheduled();
            int ready = status == null || status.getNumberReady() == null ? 0 : status.getNumberReady();
            int updated = status == null || status.getUpdatedNumberScheduled() == null ? 0 : status.getUpdatedNumberScheduled();
            // the controller has seen the applied spec (an API server without generations: the status is all there is)
            boolean observed = status != null && (live.getMetadata().getGeneration() == null
                    || status.getObservedGeneration() != null && status.getObservedGeneration() >= live.getMetadata().getGeneration());
            String now = desired < 0 ? "no status yet" : ready + " of " + desired + " workspace nodes hold the CA file"
                    + (updated < desired ? " (" + updated + " updated)" : "");
            if (!now.equals(last)) ctx.info(RegistryCaDaemonSet.NAME + ": " + now);
            last = now;
            if (observed && desired > 0 && ready >= desired && updated >= desired) return;
            if (observed && desired == 0) {
                throw new StepFailedException("DaemonSet " + ClusterSteps.GITPOD + "/" + RegistryCaDaemonSet.NAME
                        + " runs on no node: no node carries a workspace label (gitpod.io/workload_workspace_regular or _headless);"
                        + " check `kubectl get nodes --show-labels`");
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailedException("gave up after " + options.clusterWait().toSeconds() + " s waiting for DaemonSet "
                        + ClusterSteps.GITPOD + "/" + RegistryCaDaemonSet.NAME + " (" + now + "); see `kubectl -n " + ClusterSteps.GITPOD
                        + " logs ds/" + RegistryCaDaemonSet.NAME + "` and `kubectl -n " + ClusterSteps.GITPOD + " describe ds/"
                        + RegistryCaDaemonSet.NAME + "`");
            }
            ctx.cancellation().sleep(poll.toMillis());
        }
    }
}
