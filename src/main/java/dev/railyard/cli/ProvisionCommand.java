package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Creates the cluster from a plan and its exported files: preflight, terraform init/plan/apply,",
                "SSH, cloud-init, kubeconfig, Gitpod's secrets, cert-manager, the Gitpod installer.",
                "Every line is printed with its step (and host) and kept in the run folder's run.log.",
                "Ctrl-C cancels cleanly; `railyard resume PLAN` continues at the first unfinished step."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the cluster is ready", "1:a step failed (resume continues there)", "2:invalid plan",
                "3:preflight failed (nothing was created)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public final class ProvisionCommand extends PlanCommand {

    @Option(names = "--dir", paramLabel = "EXPORT", description = "the exported folder (railyard generate -o); default: generated/ beside the plan")
    Path exportDir;

    @Option(names = "--terraform", paramLabel = "PATH", description = "terraform or tofu to use; default: the first on the PATH")
    Path terraform;

    @Option(names = "--trust-on-first-use", description = "accept an unknown SSH host key once, print its fingerprint and pin it")
    boolean trustOnFirstUse;

    @Option(names = "--installer-image", paramLabel = "IMAGE", description = "the Gitpod installer image (default: the plan's, then Railyard's)")
    String installerImage;

    @Override
    int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception {
        Path export = exportDir != null ? exportDir : RunFolders.defaultExportDir(plan);
        if (!Files.isDirectory(export)) {
            err.println("no exported files at " + export + "; run `railyard generate " + plan + " -o " + export + "` first");
            return RailyardCli.PREFLIGHT_FAILED;
        }
        Path runDir = RunFolders.runDir(plan, cluster, RunFolders.PROVISION);
        Files.createDirectories(runDir);
        RunFolders.remember(runDir, export, terraform);
        RunOptions options = RunCommands.options(export, runDir, terraform).withTrustOnFirstUse(trustOnFirstUse)
                .withInstallerImage(installerImage);
        out.println("provisioning " + cluster.name() + " from " + export + " (run folder " + runDir + ")");
        Provisioning.Run run = RunCommands.provisioning(cluster, options, true, err).provision();
        return RunCommands.execute(run, out, err);
    }
}
