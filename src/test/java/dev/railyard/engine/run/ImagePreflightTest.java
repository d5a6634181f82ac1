package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.images.ImageRef;
import dev.railyard.engine.images.RegistryClient;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.testsupport.StandInRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image preflight in front of the stand-in Terraform, asking a stand-in registry on 127.0.0.1 that the
 * plan's spec.gitpod.repository names (a mirror, as a team that copied Gitpod's images would set it).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImagePreflightTest {

    @TempDir
    Path root;

    @Test
    void aMissingImageStopsTheRunBeforeTerraformStartsAndNamesItWithTheWaysOut() throws Exception {
        try (StandInRegistry registry = StandInRegistry.start().tokenRequired(true)) {
            List<String> images = imagesFor(registry);
            String gone = images.stream().filter(i -> i.contains("/bitnami/mysql:")).findFirst().orElseThrow();
            for (String i : images) if (!i.equals(gone)) hold(registry, i);
            StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_RESOURCES=1\n");

            Pipeline.Result result = run(tf, images, registry);

            assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.PREFLIGHT_FAILED);
            assertThat(result.failedStep()).isEqualTo("images");
            assertThat(result.message()).contains("1 image(s)").contains(gone).contains("spec.gitpod.repository").contains("Coder")
                    .contains("Nothing has been created");
            assertThat(tf.calls()).as("terraform was never started").isEmpty();
            assertThat(Files.readString(root.resolve("run/run.log"))).contains(gone + ": not found (HTTP 404)")
                    .contains((images.size() - 1) + " of " + images.size() + " images present");
        }
    }

    @Test
    void withEveryImagePresentTerraformRunsNext() throws Exception {
        try (StandInRegistry registry = StandInRegistry.start()) {
            List<String> images = imagesFor(registry);
            for (String i : images) hold(registry, i);
            StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_RESOURCES=1\n");

            Pipeline.Result result = run(tf, images, registry);

            assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
            assertThat(tf.calls()).hasSize(3);
            assertThat(images).hasSizeGreaterThan(50).first().asString().endsWith("/gitpod/installer:release-2022.11.3");
        }
    }

    @Test
    void aRegistryThatCannotBeReachedIsReportedAsNotVerifiedWithoutStoppingTheRun() throws Exception {
        int closed = dev.railyard.testsupport.OpenSshServer.freePort();
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_RESOURCES=1\n");
        List<String> images = List.of("127.0.0.1:" + closed + "/gitpod/installer:release-2022.11.3");
        Pipeline.Result result;
        try (RunLog log = new RunLog(root.resolve("run"), new Redactor(List.of()), dev.railyard.testsupport.TestClocks.ticking())) {
            result = pipeline(tf, new ImagePreflight(images, new RegistryClient(Duration.ofSeconds(2), null), "x"), log).run(new Cancellation());
        }
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("not verified");
    }

    private List<String> imagesFor(StandInRegistry registry) throws Exception {
        var plan = new PlanFormat().read(Examples.text("hetzner-small"), "hetzner-small");
        var gitpod = plan.spec().gitpod().withRepository(registry.hostPort() + "/gitpod");
        return ImagePreflight.imagesFor(gitpod, dev.railyard.engine.images.GitpodImages.installerImage(gitpod.repository(), null));
    }

    private static void hold(StandInRegistry registry, String image) {
        ImageRef ref = ImageRef.parse(image);
        registry.add(ref.path(), ref.reference());
    }

    private Pipeline.Result run(StandInTerraform tf, List<String> images, StandInRegistry registry) throws Exception {
        try (RunLog log = new RunLog(root.resolve("run"), new Redactor(List.of()), dev.railyard.testsupport.TestClocks.ticking())) {
            return pipeline(tf, new ImagePreflight(images, new RegistryClient(Duration.ofSeconds(5), null), registry.hostPort() + "/gitpod"), log)
                    .run(new Cancellation());
        }
    }

    private Pipeline pipeline(StandInTerraform tf, Step images, RunLog log) {
        List<Step> steps = new ArrayList<>();
        steps.add(images);
        steps.add(TerraformSteps.init(() -> tf.terraform(Map.of())));
        steps.add(TerraformSteps.plan(() -> tf.terraform(Map.of())));
        steps.add(TerraformSteps.apply(() -> tf.terraform(Map.of())));
        return new Pipeline("test-cluster", "provision", steps, new RunStateStore(root.resolve("run")), log,
                new ProcessRunner(Duration.ofSeconds(1)), dev.railyard.testsupport.TestClocks.ticking());
    }
}
