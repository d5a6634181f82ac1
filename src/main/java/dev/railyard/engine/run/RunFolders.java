package dev.railyard.engine.run;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.ClusterPlan;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a plan's runs live, the same for the CLI and the desktop app so either can resume what the
 * other started: {@code <plan folder>/.railyard/runs/<cluster>/<operation>}, beside the plan and not in
 * the export (which is replaced whole on every export). The options a run was started with (export
 * folder, Terraform) are remembered there for resume.
 */
public final class RunFolders {

    public static final String PROVISION = "provision";
    public static final String DESTROY = "destroy";
    private static final String OPTIONS_FILE = "options.properties";

    private RunFolders() {}

    public static Path runDir(Path planFile, ClusterPlan plan, String operation) {
        Path folder = planFile.toAbsolutePath().getParent();
        return folder.resolve(".railyard").resolve("runs").resolve(plan.name()).resolve(operation);
    }

    /** The export folder `railyard generate` and the app use unless told otherwise: {@code generated} beside the plan. */
    public static Path defaultExportDir(Path planFile) {
        return planFile.toAbsolutePath().getParent().resolve("generated");
    }

    /** The kubeconfig a provision fetched (it exists after the kubeconfig step). */
    public static Path kubeconfig(Path planFile, ClusterPlan plan) {
        return runDir(planFile, plan, PROVISION).resolve("kubeconfig");
    }

    /** Remembers the export folder and Terraform so resume continues with the same ones. */
    public static void remember(Path runDir, Path exportDir, Path terraform) throws IOException {
        Properties p = new Properties();
        p.setProperty("exportDir", exportDir.toAbsolutePath().toString());
        if (terraform != null) p.setProperty("terraform", terraform.toAbsolutePath().toString());
        StringWriter w = new StringWriter();
        p.store(w, "options of this run, read by `railyard resume`");
        AtomicFiles.write(runDir.resolve(OPTIONS_FILE), w.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    public static Properties remembered(Path runDir) throws IOException {
        Properties p = new Properties();
        Path file = runDir.resolve(OPTIONS_FILE);
        if (Files.exists(file)) {
            try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
                p.load(r);
            }
        }
        return p;
    }

    /** The remembered export folder, or the default one. */
    public static Path rememberedExportDir(Path runDir, Path planFile) throws IOException {
        return Path.of(remembered(runDir).getProperty("exportDir", defaultExportDir(planFile).toString()));
    }

    /** The remembered Terraform, or null (look on the PATH). */
    public static Path rememberedTerraform(Path runDir) throws IOException {
        String t = remembered(runDir).getProperty("terraform");
        return t == null ? null : Path.of(t);
    }

    /**
     * Before a destroy: the destroy run reads the kubeconfig the provision fetched (to delete what the
     * cluster created outside Terraform), so it gets a copy in its own folder, 0600.
     */
    public static void prepareDestroy(Path planFile, ClusterPlan plan, RunOptions destroyOptions) throws IOException {
        Files.createDirectories(destroyOptions.runDir());
        Path fetched = kubeconfig(planFile, plan);
        if (Files.exists(fetched) && !Files.exists(destroyOptions.kubeconfigFile())) {
            Files.copy(fetched, destroyOptions.kubeconfigFile());
            AtomicFiles.restrictToOwner(destroyOptions.kubeconfigFile());
        }
    }

    /** After a successful destroy: a later provision or destroy of the same name starts from the beginning. */
    public static void destroyed(Path planFile, ClusterPlan plan) throws IOException {
        Files.deleteIfExists(runDir(planFile, plan, PROVISION).resolve(RunStateStore.FILE_NAME));
        Files.deleteIfExists(runDir(planFile, plan, DESTROY).resolve(RunStateStore.FILE_NAME));
    }
}
