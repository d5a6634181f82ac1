package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.log and the step files: each line exactly as {@link LogLine#format()} writes it, redacted. */
class RunLogTest {

    @TempDir
    Path dir;

    @Test
    void writesEachLineToRunLogAndItsStepFileExactlyAsLogLineFormatsIt() throws Exception {
        List<Instant> times = List.of(Instant.parse("2024-12-31T23:59:59.998Z"), Instant.parse("2024-12-31T23:59:59.999Z"),
                Instant.parse("2025-01-01T00:00:00.000Z"), Instant.parse("2025-01-01T00:00:00.007Z"),
                Instant.parse("2025-01-01T00:00:00.070Z"), Instant.parse("2025-01-01T00:00:01.700Z"));
        List<LogLine> returned = new ArrayList<>();
        try (RunLog log = new RunLog(dir, new Redactor(List.of("s3cr3t-value")), new SteppingClock(times))) {
            returned.add(log.append("apply", "terraform", LogLine.Kind.OUT, "creating"));
            returned.add(log.append("apply", "terraform", LogLine.Kind.ERR, "token s3cr3t-value leaked"));
            returned.add(log.append("preflight", null, LogLine.Kind.WARN, "tofu found, not terraform"));
            returned.add(log.append("apply", "", LogLine.Kind.ERROR, "bell\u0007 and \u001B[31mcolour\u001B[0m"));
            returned.add(log.append("cloud-init", "manager-1", LogLine.Kind.INFO, "ünïcödé ✔"));
            returned.add(log.append("apply", "terraform", LogLine.Kind.OUT, ""));
        }
        String nl = System.lineSeparator();
        StringBuilder all = new StringBuilder();
        for (LogLine l : returned) all.append(l.format()).append(nl);
        assertThat(Files.readString(dir.resolve("run.log"), StandardCharsets.UTF_8)).isEqualTo(all.toString())
                .contains("2024-12-31T23:59:59.999Z [apply] terraform: token *** leaked")
                .contains("2025-01-01T00:00:00.007Z [apply] ERROR bell and colour")
                .contains("2025-01-01T00:00:00.070Z [cloud-init] manager-1: ünïcödé ✔")
                .doesNotContain("s3cr3t");
        StringBuilder apply = new StringBuilder();
        for (LogLine l : returned) if (l.step().equals("apply")) apply.append(l.format()).append(nl);
        assertThat(Files.readString(dir.resolve("logs/apply.log"), StandardCharsets.UTF_8)).isEqualTo(apply.toString());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run.log")))).isEqualTo("rw-------");
        }
    }

    /** Hands out the given instants in turn (each line reads the clock once). */
    private static final class SteppingClock extends Clock {
        private final Iterator<Instant> next;

        SteppingClock(List<Instant> times) {
            this.next = times.iterator();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return next.next();
        }
    }
}
