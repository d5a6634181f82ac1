package dev.railyard.ui.export;

import dev.railyard.engine.plan.ClusterPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated files of a plan into a folder. The wizard depends only on this, so it uses the
 * same export code as {@code railyard generate} once the engine's exporter is wired in the composition
 * root; until then {@link AtomicFolderExporter} renders with the engine and writes atomically.
 */
public interface PlanExporter {

    /** @return the relative paths written */
    List<String> export(ClusterPlan plan, Path folder) throws IOException;
}
