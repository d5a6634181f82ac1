package dev.railyard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No decision reads the wall clock: certificate expiry, the ages of pods and events, a run's time
 * left and its step times are judged against a {@link Clock} handed in by a composition root, so a
 * test passes a fixed one and its verdict does not change with the day it runs (issue 15: a test
 * expired on 2026-11-30). {@code System.nanoTime()} stays allowed: it measures elapsed time, not dates.
 */
class WallClockGuardTest {

    /** The only places that may create the wall clock: the command line's and the desktop app's roots. */
    static final Set<String> COMPOSITION_ROOTS = Set.of(
            "dev.railyard.cli.RailyardCli",
            "dev.railyard.ui.AppContext",
            // measures the app's own start-up against the OS's process start time (a wall-clock
            // instant); it decides nothing and the start-up benchmark reads what it writes
            "dev.railyard.launch.FirstFrameProbe");

    /** Tests that check a wall-clock reading made by the code under test. */
    static final Set<String> TESTS_OF_WALL_CLOCK_READINGS = Set.of("dev.railyard.launch.FirstFrameProbeTest");

    static final DescribedPredicate<JavaCall<?>> READS_THE_WALL_CLOCK = new DescribedPredicate<>(
            "read the wall clock (Instant/LocalDate/LocalDateTime/OffsetDateTime/ZonedDateTime.now(), "
                    + "System.currentTimeMillis(), Clock.systemUTC()/systemDefaultZone(), new Date())") {
        @Override
        public boolean test(JavaCall<?> call) {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return ("now".equals(name) && Set.of(Instant.class.getName(), LocalDate.class.getName(), LocalDateTime.class.getName(),
                    OffsetDateTime.class.getName(), ZonedDateTime.class.getName()).contains(owner))
                    || (System.class.getName().equals(owner) && "currentTimeMillis".equals(name))
                    || (Clock.class.getName().equals(owner) && Set.of("systemUTC", "systemDefaultZone").contains(name))
                    || (Date.class.getName().equals(owner) && "<init>".equals(name) && call.getTarget().getRawParameterTypes().isEmpty());
        }
    };

    static ArchRule noWallClockOutside(Set<String> allowed) {
        // benchmarks (src/bench, test sources under -Pbench) time real runs against the real clock on purpose
        return noClasses().that(DescribedPredicate.describe("are not " + allowed + " nor benchmarks",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> !allowed.contains(c.getName())
                                && !allowed.contains(c.getName().replaceFirst("\\$.*", ""))
                                && !c.getPackageName().startsWith("dev.railyard.bench")))
                .should().callCodeUnitWhere(READS_THE_WALL_CLOCK)
                .because("time is judged against an injected java.time.Clock: production passes Clock.systemUTC() from"
                        + " RailyardCli or AppContext, tests pass a fixed one (dev.railyard.testsupport.TestClocks)");
    }

    @Test
    void onlyTheCompositionRootsCreateTheWallClock() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.railyard");
        noWallClockOutside(COMPOSITION_ROOTS).check(main);
    }

    @Test
    void noTestReadsTheWallClock() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.railyard");
        noWallClockOutside(union(TESTS_OF_WALL_CLOCK_READINGS, Set.of(TimeBomb.class.getName()))).check(tests);
    }

    @Test
    void theGuardCatchesEachWayOfReadingTheWallClock() {
        JavaClasses bomb = new ClassFileImporter().importClasses(TimeBomb.class);
        assertThatThrownBy(() -> noWallClockOutside(Set.of()).check(bomb)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()").hasMessageContaining("LocalDate.now()")
                .hasMessageContaining("System.currentTimeMillis()").hasMessageContaining("Clock.systemUTC()")
                .hasMessageContaining("Date.<init>()");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** What the guard must catch (only imported by the test above, never run). */
    @SuppressWarnings("unused")
    static final class TimeBomb {
        boolean expired(Instant notAfter) {
            return Instant.now().isAfter(notAfter) || LocalDate.now().getYear() > 2026 || System.currentTimeMillis() < 0
                    || Clock.systemUTC().millis() < 0 || new Date().getTime() < 0;
        }
    }
}
