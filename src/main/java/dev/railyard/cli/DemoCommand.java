package dev.railyard.cli;

import dev.railyard.engine.cluster.HealthReport;
import dev.railyard.engine.cluster.Remedies;
import dev.railyard.engine.demo.DemoSession;
import dev.railyard.engine.demo.Pace;
import dev.railyard.engine.demo.SimulatedWorld;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.project.AppDirs;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code railyard demo}: the whole journey, provisioning to diagnosis to fix, against a simulation of the outside
 * world, so it can be shown on a laptop with no cloud account and no network. The pipeline, its log and the health
 * checks are Railyard's own; everything printed says it is a simulation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A SIMULATION of provisioning an example plan: Railyard's real pipeline, log and health checks against a",
                "simulated Terraform, servers and Kubernetes API (and, for Coder, coderd's API), offline. It ends on the health check's diagnosis of a",
                "cluster whose pods cannot reach CoreDNS on another node, applies that finding's fix in the simulation",
                "(unless --no-fix) and checks again. Writes only under the app data folder's demo/ (removed unless --keep);",
                "no secret store is touched."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the demo ran to its end", "1:a step or the final health check failed", "64:wrong usage", "130:cancelled (Ctrl-C)"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--example", paramLabel = "NAME", description = "the example plan to provision (default: hetzner-small; see `railyard examples`)")
    String example;

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "gitpod (default) or coder: picks the example's variant")
    Platform platform = Platform.GITPOD;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "10",
            description = "how many times faster than a real run (1 to 10000, default ${DEFAULT-VALUE}); at 50 the demo takes well under a minute")
    double speed;

    @Option(names = "--keep", description = "keep the demo's folder (its export, run log and state) instead of removing it")
    boolean keep;

    @Option(names = "--no-fix", description = "stop at the diagnosis instead of applying its fix in the simulation")
    boolean noFix;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = example != null ? example : platform == Platform.CODER ? "hetzner-small-coder" : "hetzner-small";
        if (example != null && platform == Platform.CODER && !name.endsWith("-coder")) name = name + "-coder";
        Pace pace;
        DemoSession demo;
        try {
            pace = new Pace(speed, RailyardCli.CLOCK, Pace.Sleeper.THREAD);
            demo = DemoSession.create(AppDirs.forCurrentUser().data(), name, pace, keep);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RailyardCli.USAGE;
        }
        out.println("SIMULATION: a demo of Railyard provisioning example " + name + " at " + speed + "x speed; nothing real is"
                + " created, no cloud account, secret store or network is used (demo folder " + demo.folder() + ")");
        out.flush();
        int code;
        try (demo) {
            code = RunCommands.execute(demo.provisioning().provision(), out, err);
            if (code == RailyardCli.OK) code = health(demo, out);
        }
        out.println("SIMULATION over" + (code == RailyardCli.OK ? "" : " (exit " + code + ")") + ": nothing real was created; "
                + (keep ? "the demo folder is kept at " + demo.folder() : "the demo folder was removed"));
        out.flush();
        return code;
    }

    /** The report as `railyard health` prints it, each line labelled. */
    private static void print(HealthReport report, PrintWriter out) {
        report.toText().lines().forEach(line -> out.println(SimulatedWorld.LABEL + line));
    }

    private int health(DemoSession demo, PrintWriter out) throws Exception {
        out.println();
        out.println(SimulatedWorld.LABEL + "health check of the simulated cluster (Railyard's own checks):");
        HealthReport report = demo.health();
        print(report, out);
        if (noFix) return RailyardCli.OK;
        List<Remedies.Remedy> remedies = demo.remedies(report);
        if (remedies.isEmpty()) return report.status() == HealthReport.Status.READY ? RailyardCli.OK : RailyardCli.FAILED;
        for (Remedies.Remedy remedy : remedies) {
            out.println();
            out.println(SimulatedWorld.LABEL + "applying the fix of " + remedy.code() + ": " + remedy.summary());
            remedy.apply().run();
        }
        out.println(SimulatedWorld.LABEL + "health check again:");
        HealthReport after = demo.health();
        print(after, out);
        out.flush();
        return after.status() == HealthReport.Status.READY ? RailyardCli.OK : RailyardCli.FAILED;
    }
}
