package dev.railyard.engine.render.existing;

import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import java.util.List;

/** TODO(foundation): being written; renders nothing yet. */
public final class ExistingHostsRenderer implements FileRenderer {
    @Override
    public List<GeneratedFile> render(RenderInput input) {
        return List.of();
    }
}
