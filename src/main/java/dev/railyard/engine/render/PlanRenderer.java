package dev.railyard.engine.render;

import dev.railyard.engine.render.readme.ExportReadmeRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every renderer and returns the whole tree, sorted by path, with no path twice; then, when it
 * has one, the export README, which describes exactly the files just rendered.
 */
public final class PlanRenderer {

    private final List<FileRenderer> renderers;
    private final ExportReadmeRenderer readme;

    public PlanRenderer(List<FileRenderer> renderers) {
        this(renderers, null);
    }

    private PlanRenderer(List<FileRenderer> renderers, ExportReadmeRenderer readme) {
        this.renderers = List.copyOf(renderers);
        this.readme = readme;
    }

    /** The renderers Railyard ships, in the order their files are listed in the export README. */
    public static List<FileRenderer> contentRenderers() {
        return List.of(
                new dev.railyard.engine.render.terraform.TerraformRenderer(),
                new dev.railyard.engine.render.cloudinit.CloudInitRenderer(),
                new dev.railyard.engine.render.existing.ExistingHostsRenderer(),
                new dev.railyard.engine.render.gitpod.GitpodRenderer(),
                new dev.railyard.engine.render.coder.CoderRenderer(),
                new dev.railyard.engine.render.tailscale.TailscalePolicyRenderer(),
                new dev.railyard.engine.render.dns.DnsRecordsRenderer());
    }

    public static PlanRenderer standard() {
        List<FileRenderer> content = contentRenderers();
        return new PlanRenderer(content, new ExportReadmeRenderer(content));
    }

    public List<GeneratedFile> render(RenderInput input) {
        List<GeneratedFile> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FileRenderer r : renderers) {
            for (GeneratedFile f : r.render(input)) {
                if (!seen.add(f.path())) {
                    throw new IllegalStateException("two renderers wrote " + f.path());
                }
                all.add(f);
            }
        }
        all.sort(Comparator.comparing(GeneratedFile::path));
        if (readme != null) {
            GeneratedFile index = readme.describe(input.plan(), all);
            if (!seen.add(index.path())) throw new IllegalStateException("two renderers wrote " + index.path());
            all.add(index);
            all.sort(Comparator.comparing(GeneratedFile::path));
        }
        return List.copyOf(all);
    }
}
