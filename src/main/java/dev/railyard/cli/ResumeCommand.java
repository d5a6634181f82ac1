package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunStateStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import java.util.Optional;
import picocli.CommandLine.Mixin;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues the last provision of a plan at its first unfinished step (failed, cancelled,",
                "or running when Railyard stopped), with the exported folder and Terraform it used."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the cluster is ready", "1:a step failed, or there is nothing to resume", "2:invalid plan",
                "3:preflight failed (nothing was created)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public final class ResumeCommand extends PlanCommand {

    @Mixin
    CommonOptions.HostKeyTrust trust;

    @Mixin
    CommonOptions.Freshness freshness;

    @Override
    int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception {
        Path runDir = RunFolders.runDir(plan, cluster, RunFolders.PROVISION);
        if (!Files.exists(runDir.resolve(RunStateStore.FILE_NAME))) {
            err.println("nothing to resume: no run of " + cluster.name() + " in " + runDir + "; start one with `railyard provision " + plan + "`");
            return RailyardCli.FAILED;
        }
        Path export = RunFolders.rememberedExportDir(runDir, plan);
        Path terraform = RunFolders.rememberedTerraform(runDir);
        Optional<Integer> stop = freshness.ensure(plan, cluster, export, false, out, err);
        if (stop.isPresent()) return stop.get();
        out.println("resuming " + cluster.name() + " (run folder " + runDir + ")");
        var run = RunCommands.provisioning(cluster, RunCommands.options(export, runDir, terraform).withTrustOnFirstUse(trust.trustOnFirstUse), true, err)
                .provision();
        return RunCommands.execute(run, out, err);
    }
}
