package dev.railyard.ui.export;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.Exporter;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Export exactly as {@code railyard generate PLAN -o DIR} does: the engine's {@link Generator} (validate,
 * refuse on errors, render without secret values) and its atomic {@link Exporter}, which refuses a
 * folder Railyard did not write.
 */
public final class EngineExporter implements PlanExporter {

    private final Generator generator;

    public EngineExporter(Generator generator) {
        this.generator = generator;
    }

    @Override
    public List<String> export(ClusterPlan plan, Path folder) throws IOException {
        List<GeneratedFile> files;
        try {
            files = generator.generate(plan, Optional.empty());
        } catch (Generator.InvalidPlanException e) {
            throw new IOException(e.getMessage() + "; fix them first", e);
        }
        new Exporter().export(files, folder, false);
        return files.stream().map(GeneratedFile::path).toList();
    }
}
