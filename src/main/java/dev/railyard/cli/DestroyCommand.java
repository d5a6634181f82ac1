package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.RunFolders;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Deletes the cluster: first what it created outside Terraform (LoadBalancer services and volumes,",
                "through the Kubernetes API), then everything Terraform created (terraform destroy).",
                "Asks for the cluster's name to be typed, unless --confirm NAME gives it."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:destroyed", "1:a step failed, or the name typed did not match", "2:invalid plan",
                "3:preflight failed (nothing was deleted)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public final class DestroyCommand extends PlanCommand {

    @Option(names = "--confirm", paramLabel = "NAME", description = "the cluster's name, to confirm without a prompt")
    String confirm;

    @Mixin
    CommonOptions.RunTools tools;

    @Override
    int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception {
        String name = cluster.name();
        String typed = confirm;
        if (typed == null) {
            out.print("This deletes every server, load balancer and volume of '" + name + "'. Type the cluster's name to confirm: ");
            out.flush();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            typed = line == null ? "" : line.strip();
        }
        if (!name.equals(typed)) {
            err.println("not destroyed: '" + typed + "' is not the cluster's name '" + name + "'");
            return RailyardCli.FAILED;
        }
        Path provisionDir = RunFolders.runDir(plan, cluster, RunFolders.PROVISION);
        Path export = tools.exportDir != null ? tools.exportDir : RunFolders.rememberedExportDir(provisionDir, plan);
        Path tf = tools.terraform != null ? tools.terraform : RunFolders.rememberedTerraform(provisionDir);
        Path runDir = RunFolders.runDir(plan, cluster, RunFolders.DESTROY);
        var options = RunCommands.options(export, runDir, tf);
        RunFolders.prepareDestroy(plan, cluster, options);
        out.println("destroying " + name + " (run folder " + runDir + ")");
        var run = RunCommands.provisioning(cluster, options, false, err).destroy();
        int code = RunCommands.execute(run, out, err);
        if (code == RailyardCli.OK) RunFolders.destroyed(plan, cluster);
        return code;
    }
}
