package dev.railyard.engine.render.gitpod;

import static dev.railyard.engine.render.RenderFixtures.CANARY_PREFIX;
import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.file;
import static dev.railyard.engine.render.RenderFixtures.paths;
import static dev.railyard.engine.render.RenderFixtures.withCanarySecrets;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static dev.railyard.engine.render.RenderFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GitpodRendererTest {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    /** Connection details that come from the plan itself, not from a secret reference. */
    private static final List<String> NOT_SECRET_KEYS = List.of("host", "port", "username");
    private final GitpodRenderer renderer = new GitpodRenderer();

    static java.util.stream.Stream<String> examples() {
        return dev.railyard.engine.render.RenderFixtures.gitpodExampleNames();
    }

    private List<GeneratedFile> render(String example) {
        return renderer.render(withoutSecrets(example(example)));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyGeneratedFileIsYamlThatParses(String example) {
        for (GeneratedFile f : render(example)) {
            assertThat(f.path()).endsWith(".yaml");
            assertThat(yaml(f.content()).isObject()).as(f.path()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everySecretIsATypedKubernetesSecretWrittenWithMode0600(String example) {
        List<GeneratedFile> secrets = render(example).stream().filter(f -> f.path().startsWith("gitpod/secrets/")).toList();
        assertThat(secrets).isNotEmpty();
        for (GeneratedFile f : secrets) {
            assertThat(f.secret()).as(f.path() + " is written 0600").isTrue();
            Secret secret = KUBE.unmarshal(f.content(), Secret.class);
            String expectedName = f.path().substring("gitpod/secrets/".length(), f.path().length() - ".yaml".length());
            assertThat(secret.getMetadata().getName()).isEqualTo(expectedName);
            assertThat(secret.getMetadata().getNamespace())
                    .isEqualTo(expectedName.equals("cloudflare-solver") ? "cert-manager" : "gitpod");
            assertThat(secret.getStringData()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void databaseSecretHoldsTheKeysGitpodReads(String example) {
        ClusterPlan plan = example(example);
        Secret db = KUBE.unmarshal(file(render(example), GitpodSecrets.DATABASE).content(), Secret.class);
        if (plan.spec().gitpod().database().isInCluster()) {
            assertThat(db.getStringData()).containsOnlyKeys("encryptionKeys");
        } else {
            Gitpod.Database expected = plan.spec().gitpod().database();
            assertThat(db.getStringData()).containsOnlyKeys("host", "port", "username", "password", "encryptionKeys")
                    .containsEntry("host", expected.host())
                    .containsEntry("port", String.valueOf(expected.port()))
                    .containsEntry("username", expected.username())
                    .containsEntry("password", RenderInput.placeholder(expected.passwordRef()));
        }
    }

    @Test
    void externalDatabaseRegistryAndStorageAreConfiguredWithTheirSecrets() throws Exception {
        List<GeneratedFile> files = render("hetzner-large-autoscale");
        JsonNode config = yaml(file(files, GitpodRenderer.CONFIG).content());
        assertThat(config.at("/database/inCluster").asBoolean(true)).isFalse();
        assertThat(config.at("/database/external/certificate/kind").asText()).isEqualTo("secret");
        assertThat(config.at("/database/external/certificate/name").asText()).isEqualTo("database");
        assertThat(config.at("/containerRegistry/inCluster").asBoolean(true)).isFalse();
        assertThat(config.at("/containerRegistry/external/url").asText()).isEqualTo("registry.big.example.net");
        assertThat(config.at("/containerRegistry/external/certificate/name").asText()).isEqualTo("container-registry");
        assertThat(config.at("/objectStorage/inCluster").asBoolean(true)).isFalse();
        assertThat(config.at("/objectStorage/s3/endpoint").asText()).isEqualTo("fsn1.your-objectstorage.com");
        assertThat(config.at("/objectStorage/s3/bucket").asText()).isEqualTo("big-gitpod");
        assertThat(config.at("/objectStorage/s3/credentials/name").asText()).isEqualTo("storage");
        assertThat(config.at("/metadata/region").asText()).as("S3 region is read from metadata.region").isEqualTo("fsn1");

        Secret registry = KUBE.unmarshal(file(files, GitpodSecrets.CONTAINER_REGISTRY).content(), Secret.class);
        assertThat(registry.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        JsonNode dockerConfig = new ObjectMapper().readTree(registry.getStringData().get(".dockerconfigjson"));
        assertThat(dockerConfig.at("/auths/registry.big.example.net/username").asText()).isEqualTo("gitpod");
        assertThat(dockerConfig.at("/auths/registry.big.example.net/password").asText())
                .isEqualTo(RenderInput.placeholder("keychain:big-registry"));

        Secret storage = KUBE.unmarshal(file(files, GitpodSecrets.STORAGE).content(), Secret.class);
        assertThat(storage.getStringData()).containsOnlyKeys("accessKeyId", "secretAccessKey");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void configCarriesTheDomainPasslistAndK3sContainerdPaths(String example) {
        ClusterPlan plan = example(example);
        JsonNode config = yaml(file(render(example), GitpodRenderer.CONFIG).content());
        Gitpod gitpod = plan.spec().gitpod();
        assertThat(config.at("/apiVersion").asText()).isEqualTo("v1");
        assertThat(config.at("/kind").asText()).isEqualTo("Full");
        assertThat(config.at("/domain").asText()).isEqualTo(gitpod.domain());
        assertThat(config.at("/blockNewUsers/enabled").asBoolean()).isEqualTo(gitpod.blockNewUsers().isEnabled());
        assertThat(texts(config.at("/blockNewUsers/passlist"))).isEqualTo(gitpod.blockNewUsers().passlist());
        assertThat(config.at("/certificate/name").asText()).isEqualTo("https-certificates");
        assertThat(config.at("/sshGatewayHostKey/name").asText()).isEqualTo("ssh-gateway-host-key");
        assertThat(config.at("/workspace/runtime/containerdSocket").asText()).isEqualTo("/run/k3s/containerd/containerd.sock");
        assertThat(config.at("/workspace/runtime/containerdRuntimeDir").asText())
                .isEqualTo("/run/k3s/containerd/io.containerd.runtime.v2.task/k8s.io");
        assertThat(config.at("/workspace/runtime/fsShiftMethod").asText()).isEqualTo(gitpod.workspace().fsShiftMethod());
        if (gitpod.database().isInCluster()) assertThat(config.at("/database/inCluster").asBoolean()).isTrue();
        if (gitpod.storage().isInCluster()) assertThat(config.at("/metadata/region").asText()).isEqualTo("local");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void certManagerFilesAreAHelmChartAClusterIssuerAndACertificateForTheThreeNames(String example) {
        ClusterPlan plan = example(example);
        List<GeneratedFile> files = render(example);
        String domain = plan.spec().gitpod().domain();

        GenericKubernetesResource chart = KUBE.unmarshal(file(files, GitpodRenderer.HELM_CHART).content(), GenericKubernetesResource.class);
        assertThat(chart.getApiVersion()).isEqualTo("helm.cattle.io/v1");
        assertThat(chart.getKind()).isEqualTo("HelmChart");
        assertThat(chart.getMetadata().getNamespace()).isEqualTo("kube-system");
        Map<String, Object> spec = chart.get("spec");
        assertThat(spec).containsEntry("repo", "https://charts.jetstack.io").containsEntry("chart", "cert-manager")
                .containsEntry("version", GitpodRenderer.CERT_MANAGER_CHART_VERSION)
                .containsEntry("targetNamespace", "cert-manager").containsEntry("createNamespace", true);
        JsonNode values = yaml((String) spec.get("valuesContent"));
        assertThat(values.at("/crds/enabled").asBoolean()).isTrue();
        assertThat(texts(values.at("/extraArgs"))).containsExactly(
                "--dns01-recursive-nameservers-only", "--dns01-recursive-nameservers=1.1.1.1:53,8.8.8.8:53");

        GenericKubernetesResource issuer = KUBE.unmarshal(file(files, GitpodRenderer.CLUSTER_ISSUER).content(), GenericKubernetesResource.class);
        assertThat(issuer.getKind()).isEqualTo("ClusterIssuer");
        assertThat(issuer.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat((String) issuer.get("spec", "acme", "email")).isEqualTo(plan.spec().gitpod().tls().email());
        assertThat((String) issuer.get("spec", "acme", "server")).isEqualTo("https://acme-v02.api.letsencrypt.org/directory");
        assertThat((String) issuer.get("spec", "acme", "solvers", 0, "dns01", "cloudflare", "apiTokenSecretRef", "name"))
                .isEqualTo("cloudflare-solver");
        assertThat((String) issuer.get("spec", "acme", "solvers", 0, "dns01", "cloudflare", "apiTokenSecretRef", "key"))
                .isEqualTo("apiToken");

        GenericKubernetesResource cert = KUBE.unmarshal(file(files, GitpodRenderer.CERTIFICATE).content(), GenericKubernetesResource.class);
        assertThat(cert.getKind()).isEqualTo("Certificate");
        assertThat(cert.getMetadata().getName()).isEqualTo("https-certificates");
        assertThat(cert.getMetadata().getNamespace()).isEqualTo("gitpod");
        assertThat((String) cert.get("spec", "secretName")).isEqualTo("https-certificates");
        assertThat((String) cert.get("spec", "issuerRef", "name")).isEqualTo(issuer.getMetadata().getName());
        assertThat((String) cert.get("spec", "issuerRef", "kind")).isEqualTo("ClusterIssuer");
        List<String> dnsNames = cert.get("spec", "dnsNames");
        assertThat(dnsNames).containsExactly(domain, "*." + domain, "*.ws." + domain);

        Secret solver = KUBE.unmarshal(file(files, GitpodSecrets.CLOUDFLARE_SOLVER).content(), Secret.class);
        assertThat(solver.getStringData()).containsOnlyKeys("apiToken");
        assertThat(paths(files)).doesNotContain(GitpodSecrets.HTTPS_CERTIFICATES);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void withSecretsTheEncryptionKeyIs32FreshRandomBytesInGitpodsFormat(String example) throws Exception {
        ClusterPlan plan = example(example);
        JsonNode first = encryptionKeys(renderer.render(withCanarySecrets(plan)));
        JsonNode second = encryptionKeys(renderer.render(withCanarySecrets(plan)));
        assertThat(first.isArray()).isTrue();
        assertThat(first).hasSize(1);
        JsonNode key = first.get(0);
        assertThat(key.get("name").asText()).isEqualTo("general");
        assertThat(key.get("version").isInt()).isTrue();
        assertThat(key.get("version").asInt()).isEqualTo(1);
        assertThat(key.get("primary").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(key.get("material").asText())).hasSize(32);
        assertThat(second.get(0).get("material").asText()).as("a new key on every export").isNotEqualTo(key.get("material").asText());
    }

    @Test
    void theEncryptionKeyListIsWrittenExactlyInGitpodsShape() {
        assertThat(new GitpodSecrets().encryptionKeys("bWF0ZXJpYWw="))
                .isEqualTo("[{\"name\":\"general\",\"version\":1,\"primary\":true,\"material\":\"bWF0ZXJpYWw=\"}]");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void withoutSecretsEveryValueIsAPlaceholderAndNoSecretAppears(String example) throws Exception {
        ClusterPlan plan = example(example);
        List<GeneratedFile> files = renderer.render(withoutSecrets(plan));
        List<GeneratedFile> withSecrets = renderer.render(withCanarySecrets(plan));
        assertThat(withSecrets.stream().filter(f -> f.path().startsWith("gitpod/secrets/")).map(GeneratedFile::content))
                .as("the canary values do reach the files when secrets are included").anyMatch(c -> c.contains(CANARY_PREFIX));
        for (GeneratedFile f : files) {
            assertThat(f.content()).doesNotContain(CANARY_PREFIX);
            if (!f.path().startsWith("gitpod/secrets/")) continue;
            Secret secret = KUBE.unmarshal(f.content(), Secret.class);
            for (Map.Entry<String, String> e : secret.getStringData().entrySet()) {
                if (NOT_SECRET_KEYS.contains(e.getKey())) continue;
                assertThat(secretValues(e.getKey(), e.getValue())).as(f.path() + " " + e.getKey())
                        .allMatch(v -> v.startsWith("REPLACE_ME_"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void rendersTheSameBytesTwiceWithoutSecrets(String example) {
        assertThat(render(example)).isEqualTo(render(example));
    }

    @Test
    void uploadedCertificateBecomesATlsSecretAndNoCertManagerFilesAreWritten() {
        ClusterPlan plan = withGitpod(example("hetzner-small"), g -> new Gitpod(g.domain(), g.blockNewUsers(),
                new Gitpod.Tls("upload", null, null, "file:~/certs/gitpod.crt", "keychain:gitpod-tls-key"),
                g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage()));
        List<GeneratedFile> files = renderer.render(withCanarySecrets(plan));
        Secret tls = KUBE.unmarshal(file(files, GitpodSecrets.HTTPS_CERTIFICATES).content(), Secret.class);
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getMetadata().getNamespace()).isEqualTo("gitpod");
        assertThat(tls.getStringData()).containsOnlyKeys("tls.crt", "tls.key")
                .containsEntry("tls.key", CANARY_PREFIX + "keychain-gitpod-tls-key");
        assertThat(file(files, GitpodSecrets.HTTPS_CERTIFICATES).secret()).isTrue();
        assertThat(paths(files)).noneMatch(p -> p.startsWith("gitpod/cert-manager/"))
                .doesNotContain(GitpodSecrets.CLOUDFLARE_SOLVER);
    }

    @Test
    void hostileValuesStayValuesInEveryYamlFile() {
        String hostile = "x\"\n: y # z\n---\n${a} %{b} `c` $(d) 'e' \\ \u2028";
        ClusterPlan plan = withGitpod(example("hetzner-large-autoscale"), g -> new Gitpod(hostile,
                new Gitpod.BlockNewUsers(true, List.of(hostile, "ok.example")),
                new Gitpod.Tls("cert-manager", hostile, g.tls().dns01(), null, null),
                new Gitpod.Database(false, hostile, 3306, hostile, g.database().passwordRef()),
                new Gitpod.Registry(false, "https://registry.example:5000/team", hostile, g.registry().passwordRef()),
                new Gitpod.Storage(false, hostile, hostile, hostile, g.storage().accessKeyIdRef(), g.storage().secretAccessKeyRef()),
                g.workspace(), g.installerImage()));
        List<GeneratedFile> files = renderer.render(withoutSecrets(plan));
        JsonNode config = yaml(file(files, GitpodRenderer.CONFIG).content());
        assertThat(config.at("/domain").asText()).isEqualTo(hostile);
        assertThat(texts(config.at("/blockNewUsers/passlist"))).containsExactly(hostile, "ok.example");
        assertThat(config.at("/objectStorage/s3/bucket").asText()).isEqualTo(hostile);
        assertThat(config.at("/metadata/region").asText()).isEqualTo(hostile);
        Secret db = KUBE.unmarshal(file(files, GitpodSecrets.DATABASE).content(), Secret.class);
        assertThat(db.getStringData()).containsEntry("host", hostile).containsEntry("username", hostile);
        assertThat(yaml(file(files, GitpodRenderer.CLUSTER_ISSUER).content()).at("/spec/acme/email").asText()).isEqualTo(hostile);
        List<String> names = KUBE.unmarshal(file(files, GitpodRenderer.CERTIFICATE).content(), GenericKubernetesResource.class)
                .get("spec", "dnsNames");
        assertThat(names).containsExactly(hostile, "*." + hostile, "*.ws." + hostile);
        Secret registry = KUBE.unmarshal(file(files, GitpodSecrets.CONTAINER_REGISTRY).content(), Secret.class);
        assertThat(registry.getStringData().get(".dockerconfigjson")).contains("\"registry.example:5000\"");
        for (GeneratedFile f : files) assertThat(f.content().lines()).as(f.path()).noneMatch(l -> l.equals("---"));
    }

    private static JsonNode encryptionKeys(List<GeneratedFile> files) throws Exception {
        Secret db = KUBE.unmarshal(file(files, GitpodSecrets.DATABASE).content(), Secret.class);
        return new ObjectMapper().readTree(db.getStringData().get("encryptionKeys"));
    }

    /** The secret values inside one Secret entry: JSON-encoded entries hold them as fields. */
    private static List<String> secretValues(String key, String value) throws Exception {
        ObjectMapper json = new ObjectMapper();
        if (key.equals("encryptionKeys")) return List.of(json.readTree(value).get(0).get("material").asText());
        if (key.equals(".dockerconfigjson")) {
            JsonNode auths = json.readTree(value).get("auths");
            return List.of(auths.elements().next().get("password").asText());
        }
        return List.of(value);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static ClusterPlan withGitpod(ClusterPlan plan, java.util.function.UnaryOperator<Gitpod> change) {
        return plan.withSpec(plan.spec().withGitpod(change.apply(plan.spec().gitpod())));
    }
}
