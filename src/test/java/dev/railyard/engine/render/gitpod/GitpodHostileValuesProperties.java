package dev.railyard.engine.render.gitpod;

import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.file;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static dev.railyard.engine.render.RenderFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.GeneratedFile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a plan value holds, it lands in the Gitpod files as that value and nothing more. */
class GitpodHostileValuesProperties {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final ClusterPlan BASE = example("hetzner-large-autoscale");

    @Provide
    static Arbitrary<String> hostile() {
        return Arbitraries.strings()
                .withChars("\"'\\\n\r\t :#{}[]&*!|>%@`$(),-?=~")
                .withChars('\u2028', '\u2029', '\u0085', '\u00e9', '\uFEFF', '\u0007', '\u001b', '\u00a0')
                .withCharRange('a', 'z')
                .ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank()); // blank values are missing values, which the renderers refuse
    }

    @Property(tries = 600)
    void valuesRoundTripThroughConfigSecretsAndCertificate(@ForAll("hostile") String value) {
        Gitpod g = BASE.spec().gitpod();
        ClusterPlan plan = BASE.withSpec(BASE.spec().withGitpod(new Gitpod(value, new Gitpod.BlockNewUsers(true, List.of(value)),
                new Gitpod.Tls("cert-manager", value, g.tls().dns01(), null, null),
                new Gitpod.Database(false, value, 3306, value, g.database().passwordRef()),
                g.registry(),
                new Gitpod.Storage(false, value, value, value, g.storage().accessKeyIdRef(), g.storage().secretAccessKeyRef()),
                g.workspace(), g.installerImage())));
        List<GeneratedFile> files = new GitpodRenderer().render(withoutSecrets(plan));

        JsonNode config = yaml(file(files, GitpodRenderer.CONFIG).content());
        assertThat(config.at("/domain").asText()).isEqualTo(value);
        assertThat(config.at("/blockNewUsers/passlist").size()).isEqualTo(1);
        assertThat(config.at("/blockNewUsers/passlist/0").asText()).isEqualTo(value);
        assertThat(config.at("/objectStorage/s3/endpoint").asText()).isEqualTo(value);
        assertThat(config.at("/metadata/region").asText()).isEqualTo(value);
        assertThat(config.at("/workspace/runtime/containerdSocket").asText()).isEqualTo("/run/k3s/containerd/containerd.sock");

        Secret db = KUBE.unmarshal(file(files, GitpodSecrets.DATABASE).content(), Secret.class);
        assertThat(db.getStringData()).containsOnlyKeys("host", "port", "username", "password", "encryptionKeys")
                .containsEntry("host", value).containsEntry("username", value);

        GenericKubernetesResource cert = KUBE.unmarshal(file(files, GitpodRenderer.CERTIFICATE).content(), GenericKubernetesResource.class);
        List<String> names = cert.get("spec", "dnsNames");
        assertThat(names).containsExactly(value, "*." + value, "*.ws." + value);
        assertThat(yaml(file(files, GitpodRenderer.CLUSTER_ISSUER).content()).at("/spec/acme/email").asText()).isEqualTo(value);
    }
}
