package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the stand-in provisioning pipeline in a JVM of its own, so a test can {@code kill -9} it the
 * way a crash or a closed laptop lid would. Argument: the test's root folder (see {@link StandInTerraform}).
 */
public final class PipelineChildMain {

    private PipelineChildMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        StandInTerraform tf = StandInTerraform.attach(root);
        Path runDir = root.resolve("run");
        try (RunLog log = new RunLog(runDir, new Redactor(List.of()), TestClocks.ticking())) {
            Pipeline.Result result = StandInTerraform.provisioning(tf, runDir, log, Map.of(), Duration.ofSeconds(1))
                    .run(new Cancellation());
            System.exit(result.outcome() == Pipeline.Outcome.SUCCEEDED ? 0 : 1);
        }
    }
}
