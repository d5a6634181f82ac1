package dev.railyard.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks everything that can be checked before money is spent: Terraform or OpenTofu present (and
 * which version), every secret the plan needs resolvable, the SSH key readable, the domain well-formed,
 * the exported files present. Reports every problem at once.
 */
public final class PreflightStep implements Step {

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private final dev.railyard.engine.plan.ClusterPlan plan;
    private final RunOptions options;
    private final RunSecrets secrets;
    private final Path privateKey;
    private final boolean needsTerraform;
    private final String pathEnv;
    private final TerraformLocator locator;
    private volatile Path terraform;

    /** Finds Terraform (or OpenTofu): the configured one, else on the PATH. The demo's simulation has its own. */
    @FunctionalInterface
    public interface TerraformLocator {
        Optional<Path> find(Path configured, String pathEnv);

        TerraformLocator ON_PATH = PreflightStep::findTerraform;
    }

    public PreflightStep(dev.railyard.engine.plan.ClusterPlan plan, RunOptions options, RunSecrets secrets, Path privateKey,
                         boolean needsTerraform, String pathEnv) {
        this(plan, options, secrets, privateKey, needsTerraform, pathEnv, TerraformLocator.ON_PATH);
    }

    public PreflightStep(dev.railyard.engine.plan.ClusterPlan plan, RunOptions options, RunSecrets secrets, Path privateKey,
                         boolean needsTerraform, String pathEnv, TerraformLocator locator) {
        this.locator = locator;
        this.plan = plan;
        this.options = options;
        this.secrets = secrets;
        this.privateKey = privateKey;
        this.needsTerraform = needsTerraform;
        this.pathEnv = pathEnv;
    }

    @Override
    public String name() {
        return "preflight";
    }

    @Override
    public String title() {
        return "Preflight: tools, credentials, SSH key, files";
    }

    @Override
    public boolean isPreflight() {
        return true;
    }

    /** The Terraform found by the last run of this step (or the configured one). */
    public Path terraform() {
        if (terraform == null) terraform = locator.find(options.terraformExecutable(), pathEnv).orElse(null);
        return terraform;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        List<String> problems = new ArrayList<>();
        if (needsTerraform) checkTerraform(ctx, problems);
        for (String missing : secrets.missing()) problems.add("secret " + missing);
        if (!Files.isReadable(privateKey)) {
            problems.add("SSH private key " + privateKey + " is not readable (the plan's spec.sshKey.publicKeyFile without .pub);"
                    + " create one with `ssh-keygen -t ed25519`");
        } else {
            ctx.info("SSH key " + privateKey + " readable");
        }
        String domain = plan.spec().platformDomain();
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            problems.add("spec." + plan.spec().platform().key() + ".domain: '" + domain
                    + "' is not a domain name (lower-case labels separated by dots, e.g. " + plan.spec().platform().key() + ".example.com)");
        }
        if (needsTerraform && !Files.isDirectory(options.exportDir().resolve("terraform"))) {
            problems.add("no terraform/ folder in " + options.exportDir() + "; export the plan first (railyard generate)");
        }
        if (!problems.isEmpty()) {
            for (String p : problems) ctx.error(p);
            throw new StepFailedException(problems.size() + " problem(s) before anything is created: " + String.join("; ", problems));
        }
        ctx.info("all checks passed; " + secrets.allValues().size() + " secret values loaded and hidden from the logs");
    }

    private void checkTerraform(StepContext ctx, List<String> problems) throws Exception {
        Path tf = terraform();
        if (tf == null) {
            problems.add(options.terraformExecutable() != null
                    ? "the configured Terraform " + options.terraformExecutable() + " is not an executable file"
                    : "neither terraform nor tofu is on the PATH; install Terraform (https://developer.hashicorp.com/terraform/install)"
                    + " or OpenTofu (https://opentofu.org/docs/intro/install/), or pass --terraform PATH");
            return;
        }
        StringBuilder out = new StringBuilder();
        ProcessResult r = ctx.run(new ProcessSpec(List.of(tf.toString(), "version", "-json"), options.exportDir(),
                java.util.Map.of("CHECKPOINT_DISABLE", "1")), (stream, line) -> {
            if (stream == LogLine.Kind.OUT) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
            }
        });
        if (!r.succeeded()) {
            problems.add(tf + " version -json failed (exit " + r.exitCode() + ")");
            return;
        }
        JsonNode version = new ObjectMapper().readTree(out.toString());
        String v = version.path("terraform_version").asText("?");
        String tool = tf.getFileName().toString().startsWith("tofu") ? "OpenTofu" : "Terraform";
        ctx.info(tool + " " + v + " at " + tf + (version.path("terraform_outdated").asBoolean(false) ? " (a newer release exists)" : ""));
        if (!v.matches("1\\..*")) problems.add(tool + " " + v + " is not a 1.x release; Railyard's files need 1.x");
    }

    static Optional<Path> findTerraform(Path configured, String pathEnv) {
        if (configured != null) return Files.isExecutable(configured) && !Files.isDirectory(configured) ? Optional.of(configured) : Optional.empty();
        if (pathEnv == null) return Optional.empty();
        for (String name : List.of("terraform", "tofu")) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
