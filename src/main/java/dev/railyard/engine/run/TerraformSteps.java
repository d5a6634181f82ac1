package dev.railyard.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The Terraform steps of provisioning and destroy: init, plan, apply, destroy. */
public final class TerraformSteps {

    private TerraformSteps() {}

    public static Step init(Supplier<Terraform> terraform) {
        return new SimpleStep("terraform-init", "Terraform: download providers", ctx -> {
            Terraform tf = terraform.get();
            ProcessResult r = ctx.run(tf.command("init", "-input=false", "-no-color"), tf.toolName());
            if (!r.succeeded()) throw new StepFailedException(tf.toolName() + " init failed (exit " + r.exitCode()
                    + "); the lines above say why, usually no network to the provider registry or a lock file mismatch");
        });
    }

    public static Step plan(Supplier<Terraform> terraform) {
        return new SimpleStep("terraform-plan", "Terraform: plan", ctx -> {
            Terraform tf = terraform.get();
            JsonRun run = new JsonRun(ctx, tf.toolName(), new TerraformProgress(0), false);
            ProcessResult r;
            try (AutoCloseable link = ctx.cancellation().onCancel(run.stop::cancel)) {
                r = ctx.run(tf.command("plan", "-json", "-input=false", "-detailed-exitcode", "-no-color"), run, run.stop);
            }
            if (run.unsupported != null) throw new StepFailedException(run.unsupported.getMessage());
            if (r.cancelled()) throw new Cancellation.CancelledException();
            if (r.exitCode() == 0) {
                ctx.info("no changes: the infrastructure already matches the files");
            } else if (r.exitCode() == 2) {
                ctx.info(run.summary == null ? "changes planned" : run.summary);
            } else {
                throw new StepFailedException(tf.toolName() + " plan failed (exit " + r.exitCode() + ")" + run.errors());
            }
        });
    }

    public static Step apply(Supplier<Terraform> terraform) {
        return operation("terraform-apply", "Terraform: create the servers", terraform, "apply");
    }

    public static Step destroy(Supplier<Terraform> terraform) {
        return operation("terraform-destroy", "Terraform: destroy everything it created", terraform, "destroy");
    }

    private static Step operation(String name, String title, Supplier<Terraform> terraform, String subcommand) {
        return new SimpleStep(name, title, ctx -> {
            Terraform tf = terraform.get();
            JsonRun run = new JsonRun(ctx, tf.toolName(), new TerraformProgress(0), true);
            ProcessResult r;
            try (AutoCloseable link = ctx.cancellation().onCancel(run.stop::cancel)) {
                r = ctx.run(tf.command(subcommand, "-json", "-input=false", "-auto-approve", "-no-color"), run, run.stop);
            } finally {
                restrictState(ctx, tf);
            }
            if (run.unsupported != null) throw new StepFailedException(run.unsupported.getMessage());
            if (r.cancelled()) {
                throw new Cancellation.CancelledException();
            }
            if (r.exitCode() != 0) {
                throw new StepFailedException(tf.toolName() + " " + subcommand + " failed (exit " + r.exitCode() + ", "
                        + run.progress.describe() + ")" + run.errors());
            }
            ctx.info(run.summary == null ? subcommand + " complete" : run.summary);
        });
    }

    /**
     * Terraform's local state holds every resource's attributes, the servers' user data (join token,
     * host keys) among them, and Terraform writes it readable by others: owner-only after every run.
     */
    static void restrictState(StepContext ctx, Terraform tf) throws java.io.IOException {
        for (String name : List.of("terraform.tfstate", "terraform.tfstate.backup")) {
            java.nio.file.Path state = tf.workingDir().resolve(name);
            if (java.nio.file.Files.exists(state)) {
                dev.railyard.engine.plan.AtomicFiles.restrictToOwner(state);
                ctx.info(name + " holds the servers' secrets (user data): readable by you only");
            }
        }
    }

    /** Turns each JSON line into a readable one for the log, counting progress as it goes. */
    static final class JsonRun implements ProcessRunner.OutputHandler {
        private final StepContext ctx;
        private final String source;
        private final TerraformProgress progress;
        private final boolean showProgress;
        private final TerraformJsonParser parser = new TerraformJsonParser();
        private final List<String> errors = new ArrayList<>();
        private volatile String summary;
        private volatile RuntimeException unsupported;
        /** Stops this process alone: the user's cancel, or a format Railyard cannot read. */
        final Cancellation stop = new Cancellation();

        JsonRun(StepContext ctx, String source, TerraformProgress progress, boolean showProgress) {
            this.ctx = ctx;
            this.source = source;
            this.progress = progress;
            this.showProgress = showProgress;
        }

        @Override
        public void line(LogLine.Kind stream, String text) {
            if (stream == LogLine.Kind.ERR) {
                ctx.output(source, stream, text);
                return;
            }
            TerraformEvent event;
            try {
                event = parser.parse(text);
            } catch (TerraformJsonParser.UnsupportedUiVersionException e) {
                unsupported = e;
                ctx.error(e.getMessage());
                stop.cancel();
                return;
            }
            synchronized (progress) {
                progress.accept(event);
            }
            ctx.output(source, event.isError() ? LogLine.Kind.ERROR : LogLine.Kind.OUT, display(event));
        }

        @Override
        public void idle() {
            ctx.flush();
        }

        private String display(TerraformEvent e) {
            switch (e.type()) {
                case "version":
                    return e.message() + " (machine-readable UI " + e.version().ui() + ")";
                case "diagnostic": {
                    TerraformEvent.Diagnostic d = e.diagnostic();
                    String where = d.filename() == null ? "" : " (" + d.filename() + (d.line() == null ? "" : ":" + d.line()) + ")";
                    String text = e.message() + (d.detail().isBlank() ? "" : ": " + d.detail()) + where;
                    if ("error".equals(d.severity())) errors.add(text);
                    return text;
                }
                case "change_summary":
                    summary = e.message();
                    return e.message();
                case "apply_complete":
                case "apply_errored":
                    return showProgress ? e.message() + " [" + progress.describe() + "]" : e.message();
                case "outputs":
                    return "outputs: " + String.join(", ", e.outputs().entrySet().stream()
                            .map(o -> o.getKey() + (o.getValue().sensitive() ? " (sensitive)" : "")).toList());
                default:
                    return e.message();
            }
        }

        String errors() {
            if (unsupported != null) return ": " + unsupported.getMessage();
            return errors.isEmpty() ? "" : ": " + String.join("; ", errors);
        }
    }
}
