package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Creates the cluster from a plan and its exported files: preflight, terraform init/plan/apply,",
                "SSH, cloud-init, kubeconfig, Gitpod's secrets, cert-manager, the Gitpod installer.",
                "Every line is printed with its step (and host) and kept in the run folder's run.log.",
                "Ctrl-C cancels cleanly; `railyard resume PLAN` continues at the first unfinished step.",
                "An export that no longer matches the plan is refused, listing the files that differ (--regenerate rewrites it)."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the cluster is ready", "1:a step failed (resume continues there)", "2:invalid plan",
                "3:preflight failed, or the export is stale (nothing was created)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public class ProvisionCommand extends PlanCommand {

    @Mixin
    CommonOptions.RunTools tools;

    @Mixin
    CommonOptions.HostKeyTrust trust;

    @Mixin
    CommonOptions.Freshness freshness;

    @Option(names = "--installer-image", paramLabel = "IMAGE", description = "the Gitpod installer image (default: the plan's, then Railyard's)")
    String installerImage;

    /** `up` writes the export every time; provision only with --regenerate. */
    boolean alwaysRegenerate() {
        return false;
    }

    @Override
    int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception {
        Path export = tools.exportDir != null ? tools.exportDir : RunFolders.defaultExportDir(plan);
        Optional<Integer> stop = freshness.ensure(plan, cluster, export, alwaysRegenerate(), out, err);
        if (stop.isPresent()) return stop.get();
        Path runDir = RunFolders.runDir(plan, cluster, RunFolders.PROVISION);
        Files.createDirectories(runDir);
        RunFolders.remember(runDir, export, tools.terraform);
        RunOptions options = RunCommands.options(export, runDir, tools.terraform).withTrustOnFirstUse(trust.trustOnFirstUse)
                .withInstallerImage(installerImage);
        out.println("provisioning " + cluster.name() + " from " + export + " (run folder " + runDir + ")");
        Provisioning.Run run = RunCommands.provisioning(cluster, options, true, err).provision();
        return RunCommands.execute(run, out, err);
    }
}
