package dev.railyard.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftAutosaveTest {

    @TempDir Path dir;
    private final PlanFormat format = new PlanFormat();

    /** A timer that only moves when the test says so: no sleeping, no race with a busy machine. */
    static final class ManualScheduler implements DraftAutosave.Scheduler {
        private record Task(Duration due, FutureTask<?> task) {}

        private final List<Task> tasks = new ArrayList<>();
        private Duration now = Duration.ZERO;
        boolean shutdown;

        @Override
        public Future<?> schedule(Runnable task, Duration delay) {
            FutureTask<?> f = new FutureTask<>(task, null);
            tasks.add(new Task(now.plus(delay), f));
            return f;
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        void advance(Duration by) {
            now = now.plus(by);
            for (Task t : List.copyOf(tasks)) {
                if (t.due().compareTo(now) <= 0) {
                    tasks.remove(t);
                    t.task().run(); // does nothing when cancelled
                }
            }
        }
    }

    @Test
    void writesOnceAfterABurstOfChangesWithTheLatestPlan() {
        Path file = dir.resolve("draft.yaml");
        ClusterPlan plan = Examples.load(format, "hetzner-small");
        ManualScheduler timer = new ManualScheduler();
        try (var autosave = new DraftAutosave(file, format, Duration.ofSeconds(1), timer)) {
            for (int i = 0; i < 5; i++) {
                autosave.changed(plan.withMetadata(new ClusterPlan.Metadata("draft-" + i)));
                timer.advance(Duration.ofMillis(900)); // each change comes before the previous one's second is up
                assertThat(file).as("written during a burst of changes (change %d)", i).doesNotExist();
            }

            timer.advance(Duration.ofMillis(100));

            assertThat(file).exists();
            assertThat(autosave.load()).get().extracting(ClusterPlan::name).isEqualTo("draft-4");
        }
        assertThat(timer.shutdown).isTrue();
    }

    @Test
    void flushesPendingChangesOnCloseAndDiscardDeletesTheDraft() {
        Path file = dir.resolve("draft.yaml");
        ClusterPlan plan = Examples.load(format, "azure-small");
        ManualScheduler timer = new ManualScheduler();
        var autosave = new DraftAutosave(file, format, Duration.ofHours(1), timer);
        autosave.changed(plan);
        assertThat(file).doesNotExist();
        autosave.close();
        assertThat(file).exists();
        assertThat(autosave.load()).get().extracting(ClusterPlan::name).isEqualTo(plan.name());
        autosave.discard();
        assertThat(file).doesNotExist();
    }

    @Test
    void aDiscardedDraftIsNotWrittenWhenItsDelayRunsOut() {
        Path file = dir.resolve("draft.yaml");
        ManualScheduler timer = new ManualScheduler();
        var autosave = new DraftAutosave(file, format, Duration.ofSeconds(1), timer);
        autosave.changed(Examples.load(format, "hetzner-small"));
        autosave.discard();

        timer.advance(Duration.ofSeconds(5));

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
