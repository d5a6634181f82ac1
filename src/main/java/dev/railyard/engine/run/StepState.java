package dev.railyard.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum StepState {
    PENDING, RUNNING, DONE, FAILED, CANCELLED, SKIPPED;

    /** Done or skipped: a resume does not run it again. */
    public boolean isFinished() {
        return this == DONE || this == SKIPPED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StepState fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
