package dev.railyard.engine.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs every renderer and returns the whole tree, sorted by path, with no path twice. */
public final class PlanRenderer {

    private final List<FileRenderer> renderers;

    public PlanRenderer(List<FileRenderer> renderers) {
        this.renderers = List.copyOf(renderers);
    }

    /** The renderers Railyard ships, in the order their files are listed in the export README. */
    public static PlanRenderer standard() {
        return new PlanRenderer(List.of(
                new dev.railyard.engine.render.terraform.TerraformRenderer(),
                new dev.railyard.engine.render.cloudinit.CloudInitRenderer(),
                new dev.railyard.engine.render.existing.ExistingHostsRenderer(),
                new dev.railyard.engine.render.gitpod.GitpodRenderer(),
                new dev.railyard.engine.render.tailscale.TailscalePolicyRenderer(),
                new dev.railyard.engine.render.dns.DnsRecordsRenderer(),
                new dev.railyard.engine.render.readme.ExportReadmeRenderer()));
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
        return List.copyOf(all);
    }
}
