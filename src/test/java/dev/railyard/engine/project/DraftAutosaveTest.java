package dev.railyard.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftAutosaveTest {

    @TempDir Path dir;
    private final PlanFormat format = new PlanFormat();

    @Test
    void writesOnceAfterABurstOfChangesWithTheLatestPlan() throws Exception {
        Path file = dir.resolve("draft.yaml");
        ClusterPlan plan = Examples.load(format, "hetzner-small");
        try (var autosave = new DraftAutosave(file, format, Duration.ofMillis(300))) {
            for (int i = 0; i < 5; i++) {
                autosave.changed(plan.withMetadata(new ClusterPlan.Metadata("draft-" + i)));
                Thread.sleep(20);
            }
            assertThat(file).doesNotExist();
            long deadline = System.currentTimeMillis() + 5000;
            while (!Files.exists(file) && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertThat(autosave.load()).get().extracting(ClusterPlan::name).isEqualTo("draft-4");
        }
    }

    @Test
    void flushesPendingChangesOnCloseAndDiscardDeletesTheDraft() {
        Path file = dir.resolve("draft.yaml");
        ClusterPlan plan = Examples.load(format, "azure-small");
        var autosave = new DraftAutosave(file, format, Duration.ofHours(1));
        autosave.changed(plan);
        autosave.close();
        assertThat(file).exists();
        autosave.discard();
        assertThat(file).doesNotExist();
    }

    @Test
    void recentProjectsKeepsNewestFirstWithoutDuplicates() {
        var recent = new RecentProjects(dir.resolve("recent.txt"));
        recent.add(dir.resolve("a.yaml"));
        recent.add(dir.resolve("b.yaml"));
        recent.add(dir.resolve("a.yaml"));
        assertThat(recent.list()).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
    }
}
