package dev.railyard.cli;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.Exporter;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.render.SecretValues;
import dev.railyard.engine.secrets.ResolvingSecretValues;
import dev.railyard.engine.secrets.SecretResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes Terraform, cloud-init, Gitpod or Coder manifests, Tailscale and DNS files for a plan into a folder.",
                "Same plan, same bytes. Secret values are placeholders unless --include-secrets is given."})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions.PlanFile planFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "the folder to write (replaced as a whole)")
    Path output;

    @Option(names = "--include-secrets", description = "write real secret values (resolved from their references) and a fresh encryption key; those files are 0600")
    boolean includeSecrets;

    @Option(names = "--force", description = "replace the folder even if Railyard did not write it")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Optional<ClusterPlan> loaded = PlanLoading.load(planFile.plan, err);
        if (loaded.isEmpty()) return RailyardCli.INVALID_PLAN;
        Catalog catalog = Catalog.bundled();
        Optional<SecretValues> secrets = includeSecrets
                ? Optional.of(new ResolvingSecretValues(new SecretResolver(CliSecretStores.open(), System.getenv(),
                Path.of(System.getProperty("user.home"))), new SecureRandom()))
                : Optional.empty();
        List<GeneratedFile> files;
        try {
            files = Generator.standard(catalog).generate(loaded.get(), secrets);
        } catch (Generator.InvalidPlanException e) {
            PlanLoading.print(e.problems(), err);
            err.println(planFile.plan + ": not generated, fix the errors above (railyard validate " + planFile.plan + ")");
            return RailyardCli.INVALID_PLAN;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return RailyardCli.FAILED;
        }
        try {
            new Exporter().export(files, output, force);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return RailyardCli.FAILED;
        }
        long secretFiles = files.stream().filter(GeneratedFile::secret).count();
        out.println("wrote " + files.size() + " files to " + output + (secretFiles > 0 ? " (" + secretFiles + " of them 0600)" : ""));
        for (GeneratedFile f : files) {
            out.println("  " + f.path());
        }
        return RailyardCli.OK;
    }
}
