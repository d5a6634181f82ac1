package dev.railyard.cli;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.ExportCheck;
import dev.railyard.engine.render.Exporter;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The picocli options several commands share, as mixins, so each is declared and described once. */
final class CommonOptions {

    private CommonOptions() {}

    /** The PLAN argument of validate, generate and the commands about one plan. */
    static final class PlanFile {
        @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (railyard.yaml)")
        Path plan;
    }

    /** Which exported folder and which Terraform a run uses (provision, up, destroy). */
    static final class RunTools {
        @Option(names = "--dir", paramLabel = "EXPORT",
                description = "the exported folder (railyard generate -o); default: generated/ beside the plan, or the one provision used")
        Path exportDir;

        @Option(names = "--terraform", paramLabel = "PATH",
                description = "terraform or tofu to use; default: the one provision used, else the first on the PATH")
        Path terraform;
    }

    /** How a run meets an SSH host key it has no pin for (provision, up, resume). */
    static final class HostKeyTrust {
        @Option(names = "--trust-on-first-use", description = "accept an unknown SSH host key once, print its fingerprint and pin it")
        boolean trustOnFirstUse;
    }

    /**
     * Running only what the plan says now (provision, up, resume): the export is compared with the plan
     * generated again in memory, and a stale one is refused with the files that differ, or rewritten first.
     */
    static final class Freshness {
        @Option(names = "--regenerate",
                description = "write the export from the plan first (Terraform's state in it is kept), instead of refusing a stale one")
        boolean regenerate;

        /**
         * Makes sure {@code export} is what {@code cluster} generates: rewrites it when {@code regenerate}
         * (or when it does not exist and {@code regenerate}), else checks it. Empty to go on, else the exit code.
         */
        Optional<Integer> ensure(Path planFile, ClusterPlan cluster, Path export, boolean regenerate, PrintWriter out, PrintWriter err)
                throws IOException {
            List<GeneratedFile> files;
            try {
                files = Generator.standard(Catalog.bundled()).generate(cluster, Optional.empty());
            } catch (Generator.InvalidPlanException e) {
                PlanLoading.print(e.problems(), err);
                return Optional.of(RailyardCli.INVALID_PLAN);
            }
            if (regenerate || this.regenerate) {
                try {
                    new Exporter().export(files, export, false);
                } catch (Exporter.RefusedOverwrite e) {
                    err.println("error: " + e.getMessage());
                    return Optional.of(RailyardCli.FAILED);
                }
                out.println("wrote " + files.size() + " files to " + export + " from " + planFile + " (Terraform's state kept)");
                return Optional.empty();
            }
            if (!Files.isDirectory(export)) {
                err.println("no exported files at " + export + "; run `railyard generate " + planFile + " -o " + export
                        + "` first, or add --regenerate");
                return Optional.of(RailyardCli.PREFLIGHT_FAILED);
            }
            List<ExportCheck.Difference> differences = ExportCheck.compare(files, export);
            if (differences.isEmpty()) return Optional.empty();
            err.println("the export " + export + " does not match " + planFile + " (was the plan edited after `railyard generate`?); "
                    + differences.size() + " file(s) differ:");
            differences.forEach(d -> err.println("  " + d));
            err.println("nothing was run. `--regenerate` writes the export from the plan first, keeping Terraform's state,");
            err.println("or run `railyard generate " + planFile + " -o " + export + "` and look at the changes");
            return Optional.of(RailyardCli.PREFLIGHT_FAILED);
        }
    }
}
