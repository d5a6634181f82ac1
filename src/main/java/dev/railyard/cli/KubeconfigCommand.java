package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Kubeconfigs;
import dev.railyard.engine.run.RunFolders;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code railyard kubeconfig PLAN [--merge]}: where the provisioned cluster's kubeconfig is, and adding it to the user's. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
        description = {"Prints where the kubeconfig of a provisioned cluster is (fetched from its first manager, 0600).",
                "With --merge, adds its cluster, user and context to your kubeconfig, keeping a backup of the old file."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:done", "1:no kubeconfig yet (provision first), or the merge failed", "2:invalid plan", "64:wrong usage"})
public final class KubeconfigCommand extends PlanCommand {

    @Option(names = "--merge", description = "add the cluster as a new context to your kubeconfig (same-named entries are replaced)")
    boolean merge;

    @Option(names = "--into", paramLabel = "FILE", description = "the kubeconfig to merge into (default: first of $KUBECONFIG, else ~/.kube/config)")
    Path into;

    @Option(names = "--use", description = "also make the new context the current one")
    boolean use;

    @Override
    int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception {
        Path fetched = RunFolders.kubeconfig(plan, cluster);
        if (!Files.isReadable(fetched)) {
            err.println("no kubeconfig for " + cluster.name() + " yet (" + fetched + "); `railyard provision " + plan
                    + "` fetches it from the first manager");
            return RailyardCli.FAILED;
        }
        if (!merge) {
            out.println(fetched);
            out.println("use it with: export KUBECONFIG=" + fetched + "   (or add it to yours: railyard kubeconfig " + plan + " --merge)");
            return RailyardCli.OK;
        }
        Path target = into != null ? into : Kubeconfigs.userKubeconfig(System.getenv(), Path.of(System.getProperty("user.home")));
        try {
            Kubeconfigs.MergeResult r = Kubeconfigs.merge(fetched, target, use);
            out.println("added context " + r.context() + " to " + r.target()
                    + (r.replaced().isEmpty() ? "" : " (replaced " + String.join(", ", r.replaced()) + ")"));
            if (r.backup() != null) out.println("the previous file is kept as " + r.backup());
            out.println(use ? "current context: " + r.context() : "switch to it with: kubectl config use-context " + r.context());
            return RailyardCli.OK;
        } catch (java.io.IOException e) {
            err.println("cannot merge into " + target + ": " + e.getMessage());
            return RailyardCli.FAILED;
        }
    }
}
