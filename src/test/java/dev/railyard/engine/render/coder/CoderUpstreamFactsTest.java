package dev.railyard.engine.render.coder;

import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.file;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static dev.railyard.engine.render.RenderFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.render.GeneratedFile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the Coder, CloudNativePG and envbox sections of docs/upstream-facts.md: each checks
 * that the generated files say what the upstream source (at the pinned version) expects.
 */
class CoderUpstreamFactsTest {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private static List<GeneratedFile> files() {
        return new CoderRenderer().render(withoutSecrets(example("hetzner-small-coder")));
    }

    private static JsonNode values() {
        return yaml(file(files(), CoderRenderer.VALUES).content()).get("coder");
    }

    private static GenericKubernetesResource resource(String path) {
        return KUBE.unmarshal(file(files(), path).content(), GenericKubernetesResource.class);
    }

    private static String template(String docker) {
        return CoderRenderer.workspaceTemplate(new Coder.Workspaces(docker));
    }

    // ---- Coder ----

    @Test
    void coderChartComesFromHelmCoderComV2AtTheEsrRelease() {
        GenericKubernetesResource chart = resource(CoderRenderer.HELM_CHART);
        assertThat((String) chart.get("spec", "repo")).isEqualTo("https://helm.coder.com/v2");
        assertThat((String) chart.get("spec", "chart")).isEqualTo("coder");
        assertThat((String) chart.get("spec", "version")).isEqualTo("2.34.5");
    }

    @Test
    void coderEnvIsPassedThroughSoValueFromSecretKeyRefReachesTheContainer() {
        JsonNode pg = values().at("/env/2");
        assertThat(pg.get("name").asText()).isEqualTo("CODER_PG_CONNECTION_URL");
        assertThat(pg.at("/valueFrom/secretKeyRef").isObject()).isTrue();
        assertThat(pg.has("value")).isFalse();
    }

    @Test
    void anAccessUrlInCoderEnvReplacesTheChartsClusterLocalDefault() {
        assertThat(values().at("/env/0/name").asText()).isEqualTo("CODER_ACCESS_URL");
        assertThat(values().at("/env/0/value").asText()).startsWith("https://").doesNotContain("svc.cluster.local");
    }

    @Test
    void wildcardAccessUrlIsWrittenWithoutAScheme() {
        assertThat(values().at("/env/1/value").asText()).isEqualTo("*.coder.example.com");
    }

    @Test
    void tlsSecretNamesTurnOnCodersOwnTlsAndPort443OnItsService() {
        assertThat(values().at("/tls/secretNames/0").asText()).isEqualTo(CoderRenderer.TLS_SECRET);
        assertThat((String) resource(CoderRenderer.CERTIFICATE).get("spec", "secretName")).isEqualTo(CoderRenderer.TLS_SECRET);
        assertThat(values().at("/service/type").asText()).isEqualTo("LoadBalancer");
    }

    @Test
    void workspacePermsLetCodersServiceAccountManagePodsAndVolumesInItsNamespace() {
        assertThat(values().at("/serviceAccount/workspacePerms").asBoolean()).isTrue();
        assertThat(template("envbox")).contains("namespace = \"coder\"");
    }

    @Test
    void coderResourcesReplaceTheChartsTwoCpuFourGibRequest() {
        assertThat(values().at("/resources/requests/cpu").asText()).isEqualTo("250m");
        assertThat(values().at("/resources/requests/memory").asText()).isEqualTo("512Mi");
    }

    @Test
    void coderDeploymentIsNamedAfterTheChart() {
        assertThat(CoderRenderer.DEPLOYMENT).isEqualTo((String) resource(CoderRenderer.HELM_CHART).get("spec", "chart"));
    }

    @Test
    void libPqKnowsFourSslModesAndRequiresTlsWhenNoneIsGiven() {
        assertThat(Coder.External.SSL_MODES).containsExactly("disable", "require", "verify-ca", "verify-full");
        assertThat(new Coder.External("h", null, "d", "u", "env:P", null).sslModeOrDefault()).isEqualTo("require");
    }

    @Test
    void coderAgentTakesArchFromTheProvisionerAndItsTokenAndInitScript() {
        String tf = template("none");
        assertThat(tf).contains("arch = data.coder_provisioner.me.arch", "coder_agent.main.init_script", "coder_agent.main.token",
                "data.coder_workspace.me.start_count");
    }

    @Test
    void providersArePinnedAndKubernetesUsesInClusterConfig() {
        String tf = template("none");
        assertThat(tf).contains("source  = \"coder/coder\"", "version = \"2.17.0\"", "source  = \"hashicorp/kubernetes\"",
                "version = \"3.2.1\"", "provider \"kubernetes\" {}");
    }

    @Test
    void workspaceImageIsAMultiArchitectureEnterpriseBaseTag() {
        assertThat(template("none")).contains("image     = \"codercom/enterprise-base:ubuntu-20240812\"");
    }

    // ---- CloudNativePG ----

    @Test
    void cloudNativePgChartComesFromItsGithubPagesRepository() {
        GenericKubernetesResource chart = resource(CoderRenderer.POSTGRES_OPERATOR);
        assertThat((String) chart.get("spec", "repo")).isEqualTo("https://cloudnative-pg.github.io/charts");
        assertThat((String) chart.get("spec", "version")).isEqualTo("0.29.0");
    }

    @Test
    void cloudNativePgOperatorDeploymentIsNamedAfterTheRelease() {
        assertThat(resource(CoderRenderer.POSTGRES_OPERATOR).getMetadata().getName()).isEqualTo("cloudnative-pg");
        ClusterPlan plan = example("hetzner-small-coder");
        String readme = new dev.railyard.engine.render.readme.ExportReadmeRenderer().render(withoutSecrets(plan)).get(0).content();
        assertThat(readme).contains("kubectl -n cnpg-system rollout status deployment/cloudnative-pg");
    }

    @Test
    void clusterIsPostgresqlCnpgIoV1WithInstancesStorageAndInitdb() {
        GenericKubernetesResource cluster = resource(CoderRenderer.POSTGRES_CLUSTER);
        assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat((Object) cluster.get("spec", "instances")).isEqualTo(1);
        assertThat((String) cluster.get("spec", "storage", "storageClass")).isEqualTo("local-path");
        assertThat((String) cluster.get("spec", "bootstrap", "initdb", "owner")).isEqualTo("coder");
    }

    @Test
    void appSecretIsTheClusterNameWithSuffixAppAndKeyUri() {
        String cluster = resource(CoderRenderer.POSTGRES_CLUSTER).getMetadata().getName();
        assertThat(values().at("/env/2/valueFrom/secretKeyRef/name").asText()).isEqualTo(cluster + "-app");
        assertThat(values().at("/env/2/valueFrom/secretKeyRef/key").asText()).isEqualTo("uri");
    }

    @Test
    void clusterReportsConditionReady() {
        String readme = new dev.railyard.engine.render.readme.ExportReadmeRenderer()
                .render(withoutSecrets(example("hetzner-small-coder"))).get(0).content();
        assertThat(readme).contains("wait cluster/coder-db --for=condition=Ready");
    }

    // ---- envbox ----

    @Test
    void envboxNeedsInnerImageInnerUsernameAndAgentToken() {
        String tf = template("envbox");
        for (String env : List.of("CODER_INNER_IMAGE", "CODER_INNER_USERNAME", "CODER_AGENT_TOKEN", "CODER_BOOTSTRAP_SCRIPT", "CODER_MOUNTS",
                "CODER_CPUS", "CODER_MEMORY", "CODER_INNER_HOSTNAME")) {
            assertThat(tf).contains("\"" + env + "\"");
        }
    }

    @Test
    void envboxRunsPrivilegedWithItsCommandAndSysboxDirectories() {
        String tf = template("envbox");
        assertThat(tf).contains("command           = [\"/envbox\", \"docker\"]", "privileged = true", "mount_path = \"/var/lib/sysbox\"",
                "path = \"/usr/src\"", "path = \"/lib/modules\"");
        assertThat(template("none")).doesNotContain("privileged = true");
    }

    @Test
    void envboxImageIsAPinnedMultiArchitectureReleaseOnGhcr() {
        Matcher m = Pattern.compile("envbox    = \"(ghcr\\.io/coder/envbox:[0-9]+\\.[0-9]+\\.[0-9]+)\"").matcher(template("envbox"));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("ghcr.io/coder/envbox:0.6.7");
    }
}
