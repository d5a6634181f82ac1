package dev.railyard.ui.export;

import dev.railyard.engine.plan.ClusterPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated files of a plan into a folder. The wizard depends only on this, so it uses the
 * same export code as {@code railyard generate} ({@link EngineExporter}); tests may pass their own.
 */
public interface PlanExporter {

    /** @return the relative paths written */
    List<String> export(ClusterPlan plan, Path folder) throws IOException;
}
