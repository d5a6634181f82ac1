package dev.railyard.engine.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;

/**
 * Where one step stands, as saved in the state file after every transition. Times are ISO-8601
 * instants in UTC (text, so the file reads well and needs no date module).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepStatus(String name, String title, StepState state, String startedAt, String finishedAt,
                         Long durationMillis, String message, String logFile) {

    public static StepStatus pending(String name, String title, String logFile) {
        return new StepStatus(name, title, StepState.PENDING, null, null, null, null, logFile);
    }

    public StepStatus running(Instant now) {
        return new StepStatus(name, title, StepState.RUNNING, now.toString(), null, null, null, logFile);
    }

    public StepStatus finished(StepState state, Instant now, String message) {
        Long millis = startedAt == null ? null : Duration.between(Instant.parse(startedAt), now).toMillis();
        return new StepStatus(name, title, state, startedAt, now.toString(), millis, message, logFile);
    }
}
