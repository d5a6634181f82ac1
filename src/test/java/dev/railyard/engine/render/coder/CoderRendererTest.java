package dev.railyard.engine.render.coder;

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
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.render.RenderFixtures;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.SecretValues;
import dev.railyard.testsupport.ExternalTools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoderRendererTest {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private final CoderRenderer renderer = new CoderRenderer();

    static Stream<String> examples() {
        return RenderFixtures.coderExampleNames();
    }

    private List<GeneratedFile> render(ClusterPlan plan) {
        return renderer.render(withoutSecrets(plan));
    }

    private static ClusterPlan withCoder(String example, java.util.function.UnaryOperator<Coder> edit) {
        ClusterPlan plan = example(example);
        return plan.withSpec(plan.spec().withCoder(edit.apply(plan.spec().coder())));
    }

    private static ClusterPlan externalDatabase(String password) {
        return withCoder("hetzner-small-coder", c -> c.withDatabase(new Coder.Database(false,
                new Coder.External("db.example.com", 5432, "coder", "coder user", "keychain:coder-db", null))));
    }

    @Test
    void bothCoderExamplesAreBundledAndTheGitpodExamplesRenderNoCoderFile() {
        assertThat(examples()).containsExactly("hetzner-small-coder", "existing-raspberry-pi-tailscale-coder");
        RenderFixtures.gitpodExampleNames().forEach(name -> assertThat(render(example(name))).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyManifestDeserialisesWithFabric8AsItsKind(String example) {
        for (GeneratedFile f : render(example(example))) {
            if (!f.path().endsWith(".yaml")) continue;
            if (f.path().equals(CoderRenderer.VALUES)) {
                assertThat(yaml(f.content()).has("coder")).as("the chart's values, not a manifest").isTrue();
                continue;
            }
            GenericKubernetesResource r = KUBE.unmarshal(f.content(), GenericKubernetesResource.class);
            assertThat(r.getApiVersion()).as(f.path()).isNotBlank();
            assertThat(r.getKind()).as(f.path()).isNotBlank();
            assertThat(r.getMetadata().getName()).as(f.path()).isNotBlank();
        }
        assertThat(KUBE.unmarshal(file(render(example(example)), CoderRenderer.NAMESPACE_FILE).content(), Namespace.class)
                .getMetadata().getName()).isEqualTo("coder");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void coderChartIsAPinnedK3sHelmChartWhoseValuesReadTheDatabaseUrlFromASecret(String example) throws Exception {
        ClusterPlan plan = example(example);
        List<GeneratedFile> files = render(plan);
        GenericKubernetesResource chart = KUBE.unmarshal(file(files, CoderRenderer.HELM_CHART).content(), GenericKubernetesResource.class);
        assertThat(chart.getApiVersion()).isEqualTo("helm.cattle.io/v1");
        assertThat(chart.getKind()).isEqualTo("HelmChart");
        assertThat(chart.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat((String) chart.get("spec", "repo")).isEqualTo("https://helm.coder.com/v2");
        assertThat((String) chart.get("spec", "chart")).isEqualTo("coder");
        assertThat((String) chart.get("spec", "version")).isEqualTo(CoderRenderer.CHART_VERSION);
        assertThat((String) chart.get("spec", "targetNamespace")).isEqualTo("coder");
        String valuesContent = chart.get("spec", "valuesContent");
        assertThat(valuesContent).isEqualTo(file(files, CoderRenderer.VALUES).content());

        JsonNode coder = yaml(valuesContent).get("coder");
        String domain = plan.spec().coder().domain();
        JsonNode env = coder.get("env");
        assertThat(env).hasSize(3);
        assertThat(env.get(0).get("name").asText()).isEqualTo("CODER_ACCESS_URL");
        assertThat(env.get(0).get("value").asText()).isEqualTo("https://" + domain);
        assertThat(env.get(1).get("name").asText()).isEqualTo("CODER_WILDCARD_ACCESS_URL");
        assertThat(env.get(1).get("value").asText()).isEqualTo("*." + domain);
        assertThat(env.get(2).get("name").asText()).isEqualTo("CODER_PG_CONNECTION_URL");
        assertThat(env.get(2).has("value")).as("the connection URL is never inline").isFalse();
        assertThat(env.get(2).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("coder-db-app");
        assertThat(env.get(2).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("uri");
        assertThat(coder.at("/tls/secretNames/0").asText()).isEqualTo("coder-tls");
        assertThat(coder.at("/service/type").asText()).isEqualTo("LoadBalancer");
        assertThat(coder.at("/serviceAccount/workspacePerms").asBoolean()).isTrue();
        assertThat(coder.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void inClusterPostgresIsTheCloudNativePgOperatorAndOneClusterOnLocalPath(String example) {
        List<GeneratedFile> files = render(example(example));
        GenericKubernetesResource operator = KUBE.unmarshal(file(files, CoderRenderer.POSTGRES_OPERATOR).content(), GenericKubernetesResource.class);
        assertThat(operator.getKind()).isEqualTo("HelmChart");
        assertThat((String) operator.get("spec", "repo")).isEqualTo("https://cloudnative-pg.github.io/charts");
        assertThat((String) operator.get("spec", "chart")).isEqualTo("cloudnative-pg");
        assertThat((String) operator.get("spec", "version")).isEqualTo("0.29.0");

        GenericKubernetesResource cluster = KUBE.unmarshal(file(files, CoderRenderer.POSTGRES_CLUSTER).content(), GenericKubernetesResource.class);
        assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.getKind()).isEqualTo("Cluster");
        assertThat(cluster.getMetadata().getName() + "-app").isEqualTo(CoderRenderer.DB_APP_SECRET);
        assertThat(cluster.getMetadata().getNamespace()).isEqualTo("coder");
        assertThat((Integer) cluster.get("spec", "instances")).isEqualTo(1);
        assertThat((String) cluster.get("spec", "storage", "storageClass")).isEqualTo("local-path");
        assertThat((String) cluster.get("spec", "storage", "size")).isEqualTo("10Gi");
        assertThat((String) cluster.get("spec", "bootstrap", "initdb", "database")).isEqualTo("coder");
        assertThat((String) cluster.get("spec", "bootstrap", "initdb", "owner")).isEqualTo("coder");
        assertThat(paths(files)).doesNotContain(CoderRenderer.DATABASE_URL_FILE);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void certificateCoversTheDomainAndItsWildcardInTheSecretCoderServes(String example) {
        ClusterPlan plan = example(example);
        String domain = plan.spec().coder().domain();
        GenericKubernetesResource cert = KUBE.unmarshal(file(render(plan), CoderRenderer.CERTIFICATE).content(), GenericKubernetesResource.class);
        assertThat(cert.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat((String) cert.get("spec", "secretName")).isEqualTo(CoderRenderer.TLS_SECRET);
        List<Object> names = cert.get("spec", "dnsNames");
        assertThat(names).containsExactly(domain, "*." + domain);
        assertThat(cert.getMetadata().getNamespace()).isEqualTo("coder");
    }

    @Test
    void anExternalDatabaseGetsASecretWithAPlaceholderPasswordAndTheChartReadsIt() {
        List<GeneratedFile> files = render(externalDatabase(null));
        assertThat(paths(files)).doesNotContain(CoderRenderer.POSTGRES_OPERATOR, CoderRenderer.POSTGRES_CLUSTER);
        GeneratedFile f = file(files, CoderRenderer.DATABASE_URL_FILE);
        assertThat(f.secret()).isTrue();
        Secret secret = KUBE.unmarshal(f.content(), Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo("coder-db-url");
        assertThat(secret.getStringData().get("url"))
                .isEqualTo("postgres://coder%20user:" + RenderInput.placeholder("keychain:coder-db") + "@db.example.com:5432/coder?sslmode=require");
        JsonNode env = yaml(file(files, CoderRenderer.VALUES).content()).at("/coder/env/2/valueFrom/secretKeyRef");
        assertThat(env.get("name").asText()).isEqualTo("coder-db-url");
        assertThat(env.get("key").asText()).isEqualTo("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p@ss:w/rd?#&=", "with space", "quote\"and'back\\slash", "percent%41", "ünïcødé"})
    void anyPasswordStaysInsideThePasswordPartOfTheUrl(String password) {
        RenderInput input = new RenderInput(externalDatabase(null), Catalog.bundled(), Optional.of(new SecretValues() {
            @Override public String value(String ref) { return password; }
            @Override public String newEncryptionKeyMaterial() { return "unused"; }
        }));
        GeneratedFile f = file(renderer.render(input), CoderRenderer.DATABASE_URL_FILE);
        URI url = URI.create(KUBE.unmarshal(f.content(), Secret.class).getStringData().get("url"));
        assertThat(url.getHost()).isEqualTo("db.example.com");
        assertThat(url.getPort()).isEqualTo(5432);
        assertThat(url.getPath()).isEqualTo("/coder");
        String[] userInfo = url.getRawUserInfo().split(":", 2);
        assertThat(URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8)).isEqualTo("coder user");
        assertThat(URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8)).isEqualTo(password);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void withSecretsTheyAppearOnlyInFilesWrittenWith0600(String example) {
        ClusterPlan plan = example(example);
        List<GeneratedFile> all = new java.util.ArrayList<>(renderer.render(withCanarySecrets(plan)));
        all.addAll(renderer.render(withCanarySecrets(externalDatabase(null))));
        assertThat(all.stream().filter(f -> f.content().contains(CANARY_PREFIX))).isNotEmpty().allMatch(GeneratedFile::secret);
        assertThat(render(plan)).noneMatch(f -> f.content().contains(CANARY_PREFIX));
    }

    @Test
    void anUploadedCertificateBecomesTheTlsSecretInsteadOfCertManager() {
        ClusterPlan plan = withCoder("hetzner-small-coder", c -> c.withTls(new Gitpod.Tls("upload", null, null, "file:cert.pem", "file:key.pem")));
        List<GeneratedFile> files = render(plan);
        assertThat(paths(files)).noneMatch(p -> p.startsWith("coder/cert-manager/")).doesNotContain(CoderRenderer.CLOUDFLARE_SOLVER);
        GeneratedFile f = file(files, CoderRenderer.TLS_SECRET_FILE);
        assertThat(f.secret()).isTrue();
        Secret secret = KUBE.unmarshal(f.content(), Secret.class);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getMetadata().getName()).isEqualTo("coder-tls");
        assertThat(secret.getStringData()).containsOnlyKeys("tls.crt", "tls.key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"envbox", "none"})
    void workspaceTemplatePassesTheHclParserAndTerraformFmt(String docker, @TempDir Path dir) throws Exception {
        Path main = dir.resolve("main.tf");
        Files.writeString(main, CoderRenderer.workspaceTemplate(new Coder.Workspaces(docker)), StandardCharsets.UTF_8);
        ExternalTools.Result parsed = ExternalTools.hclParse(List.of(main));
        assertThat(parsed.exitCode()).as("HCL parser:%n%s", parsed.both()).isZero();
        ExternalTools.require("terraform", "install Terraform 1.11 from releases.hashicorp.com (or run .ci/run)");
        ExternalTools.Result fmt = ExternalTools.run(List.of("env", "TF_CLI_CONFIG_FILE=/dev/null", "terraform", "fmt", "-check", "-diff",
                dir.toString()), 60);
        assertThat(fmt.exitCode()).as("terraform fmt -check:%n%s", fmt.both()).isZero();
    }

    private static JsonNode template(String docker, Path dir) throws Exception {
        Path main = dir.resolve("main.tf");
        Files.writeString(main, CoderRenderer.workspaceTemplate(new Coder.Workspaces(docker)), StandardCharsets.UTF_8);
        ExternalTools.Result parsed = ExternalTools.hclParse(List.of(main));
        assertThat(parsed.exitCode()).as(parsed.both()).isZero();
        return new ObjectMapper().readTree(parsed.stdout()).get(main.toString());
    }

    @Test
    void envboxWorkspacesAreThePrivilegedEnvboxPodWithLimitsAHomeVolumeAndNoHostSocket(@TempDir Path dir) throws Exception {
        JsonNode tf = template("envbox", dir);
        JsonNode pod = tf.at("/resource/kubernetes_pod_v1/main/0");
        JsonNode container = pod.at("/spec/0/container/0");
        assertThat(container.get("image").asText()).isEqualTo("${local.envbox}");
        assertThat(tf.at("/locals/0/envbox").asText()).isEqualTo(CoderRenderer.ENVBOX_IMAGE);
        assertThat(container.at("/security_context/0/privileged").asBoolean()).isTrue();
        assertThat(container.at("/resources/0/limits/cpu").asText()).contains("data.coder_parameter.cpu.value");
        assertThat(container.at("/resources/0/limits/memory").asText()).contains("data.coder_parameter.memory.value");
        List<String> envNames = Stream.of(container.get("env")).flatMap(e -> java.util.stream.StreamSupport.stream(e.spliterator(), false))
                .map(e -> e.get("name").asText()).toList();
        assertThat(envNames).contains("CODER_AGENT_TOKEN", "CODER_INNER_IMAGE", "CODER_INNER_USERNAME", "CODER_BOOTSTRAP_SCRIPT",
                "CODER_MOUNTS", "CODER_CPUS", "CODER_MEMORY");
        assertNoHostSocket(pod);
        assertThat(tf.at("/resource/kubernetes_persistent_volume_claim_v1/home/0/spec/0/access_modes/0").asText()).isEqualTo("ReadWriteOnce");
        assertThat(tf.at("/resource/coder_agent/main/0/arch").asText()).isEqualTo("${data.coder_provisioner.me.arch}");
    }

    @Test
    void workspacesWithoutDockerAreUnprivilegedWithLimitsAndAHomeVolume(@TempDir Path dir) throws Exception {
        JsonNode tf = template("none", dir);
        JsonNode pod = tf.at("/resource/kubernetes_pod_v1/main/0");
        JsonNode container = pod.at("/spec/0/container/0");
        assertThat(container.get("image").asText()).isEqualTo("${local.image}");
        assertThat(container.at("/security_context/0/privileged").asBoolean()).isFalse();
        assertThat(container.at("/security_context/0/allow_privilege_escalation").asBoolean()).isFalse();
        assertThat(container.at("/resources/0/limits/cpu").asText()).contains("data.coder_parameter.cpu.value");
        assertThat(pod.at("/spec/0/volume/0/persistent_volume_claim/0/claim_name").asText()).contains("kubernetes_persistent_volume_claim_v1.home");
        assertThat(pod.toString()).doesNotContain("host_path").doesNotContain("envbox");
    }

    /** hashicorp/kubernetes pod spec {@code automount_service_account_token}; without it the pod gets the API token RY-ISO-004 flags. */
    @ParameterizedTest
    @ValueSource(strings = {"envbox", "none"})
    void workspacePodsGetNoKubernetesApiToken(String docker, @TempDir Path dir) throws Exception {
        JsonNode pod = template(docker, dir).at("/resource/kubernetes_pod_v1/main/0");
        assertThat(pod.at("/spec/0/automount_service_account_token").isBoolean()).as(pod.toString()).isTrue();
        assertThat(pod.at("/spec/0/automount_service_account_token").asBoolean()).isFalse();
    }

    private static void assertNoHostSocket(JsonNode pod) {
        for (JsonNode volume : pod.at("/spec/0/volume")) {
            JsonNode hostPath = volume.at("/host_path/0/path");
            if (hostPath.isMissingNode()) continue;
            assertThat(hostPath.asText()).isIn("/usr/src", "/lib/modules")
                    .doesNotContain(".sock").doesNotStartWith("/run").doesNotStartWith("/var/run");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theWholeExportRendersTheSameBytesTwiceAndNothingForGitpod(String example) throws Exception {
        Generator generator = Generator.standard(Catalog.bundled());
        List<GeneratedFile> first = generator.generate(example(example), Optional.empty());
        assertThat(first).isEqualTo(generator.generate(example(example), Optional.empty()));
        assertThat(paths(first)).noneMatch(p -> p.startsWith("gitpod/"));
        for (GeneratedFile f : first) {
            assertThat(f.content()).as(f.path()).doesNotContain("gitpod.io/workload").doesNotContain("Gitpod SSH gateway");
        }
    }
}
