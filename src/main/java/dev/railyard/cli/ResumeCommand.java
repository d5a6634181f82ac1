package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunStateStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues the last provision of a plan at its first unfinished step (failed, cancelled,",
                "or running when Railyard stopped), with the exported folder and Terraform it used."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the cluster is ready", "1:a step failed, or there is nothing to resume", "2:invalid plan",
                "3:preflight failed (nothing was created)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (railyard.yaml)")
    Path plan;

    @Option(names = "--trust-on-first-use", description = "accept an unknown SSH host key once, print its fingerprint and pin it")
    boolean trustOnFirstUse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ClusterPlan> loaded = RunCommands.loadValid(plan, err);
        if (loaded.isEmpty()) return RailyardCli.INVALID_PLAN;
        Path runDir = RunFolders.runDir(plan, loaded.get(), RunFolders.PROVISION);
        if (!Files.exists(runDir.resolve(RunStateStore.FILE_NAME))) {
            err.println("nothing to resume: no run of " + loaded.get().name() + " in " + runDir + "; start one with `railyard provision " + plan + "`");
            return RailyardCli.FAILED;
        }
        Path export = RunFolders.rememberedExportDir(runDir, plan);
        Path terraform = RunFolders.rememberedTerraform(runDir);
        out.println("resuming " + loaded.get().name() + " (run folder " + runDir + ")");
        var run = RunCommands.provisioning(loaded.get(), RunCommands.options(export, runDir, terraform).withTrustOnFirstUse(trustOnFirstUse))
                .provision();
        return RunCommands.execute(run, out, err);
    }
}
