package dev.railyard.engine.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@JsonIgnoreProperties(ignoreUnknown = true)
/** The state file of one run ({@code state.json}): which operation, on which cluster, every step. */
public record RunState(int formatVersion, String cluster, String operation, String updatedAt, List<StepStatus> steps) {

    public static final int FORMAT_VERSION = 1;

    public RunState {
        steps = List.copyOf(steps);
    }

    public RunState with(StepStatus status, Instant now) {
        List<StepStatus> copy = new ArrayList<>(steps);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equals(status.name())) copy.set(i, status);
        }
        return new RunState(formatVersion, cluster, operation, now.toString(), copy);
    }

    public Optional<StepStatus> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The first step a resume runs: the first that is not done or skipped. */
    public Optional<StepStatus> firstUnfinished() {
        return steps.stream().filter(s -> !s.state().isFinished()).findFirst();
    }

    @JsonIgnore
    public boolean isComplete() {
        return firstUnfinished().isEmpty();
    }
}
