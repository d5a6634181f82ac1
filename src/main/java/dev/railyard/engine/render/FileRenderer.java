package dev.railyard.engine.render;

import java.util.List;

/** Renders one part of the generated tree from a valid plan. Pure: same input, same output. */
public interface FileRenderer {

    List<GeneratedFile> render(RenderInput input);
}
