package dev.railyard.ui.run;

import dev.railyard.engine.run.LogLine;

/** Which lines the log view shows: one step, one source (a host, terraform), both, or everything. */
record LogFilter(String step, String source) {

    static final LogFilter EVERYTHING = new LogFilter(null, null);

    boolean showsEverything() {
        return step == null && source == null;
    }

    boolean accepts(LogLine line) {
        return (step == null || step.equals(line.step())) && (source == null || source.equals(line.source()));
    }
}
