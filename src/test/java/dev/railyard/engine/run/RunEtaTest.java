package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEtaTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static StepStatus step(String name, StepState state, Instant started) {
        return new StepStatus(name, name, state, started == null ? null : started.toString(), null, null, null, name + ".log");
    }

    @Test
    void aFreshRunIsTheSumOfTheUsualTimesAndDoneStepsCountNothing() {
        RunEta eta = new RunEta(2, 1.0);
        RunState fresh = new RunState(1, "c", "provision", T0.toString(), List.of(step("preflight", StepState.PENDING, null),
                step("terraform-apply", StepState.PENDING, null), step("gitpod-installer", StepState.PENDING, null)));
        assertThat(eta.remaining(fresh, T0)).isEqualTo(Duration.ofSeconds(3 + 120 + 600));
        assertThat(eta.progress(fresh, T0)).isZero();

        RunState later = fresh.with(step("preflight", StepState.DONE, T0), T0).with(step("terraform-apply", StepState.RUNNING, T0), T0);
        assertThat(eta.remaining(later, T0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(100 + 600));
        assertThat(eta.progress(later, T0.plusSeconds(20))).isBetween(0.02, 0.05);
    }

    @Test
    void aStepThatTakesLongerThanUsualKeepsASmallRemainderAndIsOverdue() {
        RunEta eta = new RunEta(1, 1.0);
        StepStatus apply = step("terraform-apply", StepState.RUNNING, T0);
        assertThat(eta.step(apply, T0.plusSeconds(60))).isEqualTo(new RunEta.Estimate(Duration.ofSeconds(60), false));
        assertThat(eta.step(apply, T0.plusSeconds(150))).isEqualTo(new RunEta.Estimate(Duration.ofSeconds(12), false));
        assertThat(eta.step(apply, T0.plusSeconds(200)).overdue()).isTrue();
    }

    @Test
    void stepsThatVisitEveryServerAndAzureVmsTakeLonger() throws Exception {
        PlanFormat format = new PlanFormat();
        RunEta small = RunEta.forPlan(Examples.load(format, "hetzner-small"));
        RunEta azure = RunEta.forPlan(Examples.load(format, Examples.ALL.stream().map(Examples.Example::name)
                .filter(n -> n.startsWith("azure")).findFirst().orElseThrow()));
        assertThat(azure.typical("terraform-apply")).isEqualTo(small.typical("terraform-apply").multipliedBy(2));
        assertThat(new RunEta(3, 1.0).typical("host-scripts")).isEqualTo(Duration.ofSeconds(540));
        assertThat(new RunEta(3, 1.0).typical("cloud-init")).isEqualTo(Duration.ofSeconds(200));
        assertThat(small.typical("a-step-added-later")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void describesTimeLeftTheWayAPersonSaysIt() {
        assertThat(RunEta.describe(Duration.ofSeconds(3))).isEqualTo("under 10 s");
        assertThat(RunEta.describe(Duration.ofSeconds(41))).isEqualTo("about 50 s");
        assertThat(RunEta.describe(Duration.ofSeconds(121))).isEqualTo("about 3 min");
        assertThat(RunEta.describe(Duration.ofMinutes(17))).isEqualTo("about 17 min");
    }
}
