package dev.railyard.engine.render.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.run.Hosts;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run reads the servers from {@code terraform output -json}: every output it reads must be
 * declared by the outputs.tf Railyard generates, for each provider and size (read back with
 * HashiCorp's HCL parser). A rename on one side without the other fails here, not on a real cloud.
 */
class TerraformOutputsContractTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small"})
    void outputsTfDeclaresEveryOutputTheRunReads(String example) {
        RenderedTerraform tf = RenderedTerraform.of(Examples.load(new PlanFormat(), example), tmp);
        for (String name : Hosts.OUTPUTS_READ) {
            assertThat(tf.output(name).path("value").asText()).as("%s: output %s", example, name).isNotBlank();
        }
        // the kubeconfig must point at an address reachable from the admin's machine, not the private API address
        assertThat(tf.output(Hosts.KUBECONFIG_HOST).path("value").asText()).contains("manager[0]").doesNotContain("private");
        assertThat(tf.output(Hosts.MANAGERS).path("value").asText()).contains("manager[*]");
    }
}
