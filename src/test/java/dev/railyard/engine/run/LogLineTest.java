package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The log files' line format, which the hand-written time stamp must not change by a byte. */
class LogLineTest {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Property(tries = 5000)
    void writesTheSameTimeStampAsDateTimeFormatterForAnyInstant(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant at = Instant.ofEpochSecond(epochSecond, nanos);
        StringBuilder b = new StringBuilder();
        LogLine.appendTime(b, at);
        assertThat(b.toString()).isEqualTo(ISO_MILLIS.format(at));
    }

    @Test
    void fallsBackToTheFormatterOutsideFourDigitYears() {
        for (Instant at : new Instant[] {Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("0000-12-31T23:59:59.999Z"),
                Instant.parse("-0001-06-01T12:00:00Z")}) {
            StringBuilder b = new StringBuilder();
            LogLine.appendTime(b, at);
            assertThat(b.toString()).isEqualTo(ISO_MILLIS.format(at));
        }
    }

    @Test
    void formatsTimeStepSourceKindAndTextAsTheFilesAlwaysHad() {
        Instant at = Instant.parse("2024-02-29T23:59:07.045Z");
        assertThat(new LogLine(at, "apply", "terraform", LogLine.Kind.WARN, "slow").format())
                .isEqualTo("2024-02-29T23:59:07.045Z [apply] terraform: WARN slow");
        assertThat(new LogLine(at, "preflight", "", LogLine.Kind.INFO, "ok").format())
                .isEqualTo("2024-02-29T23:59:07.045Z [preflight] ok");
        assertThat(new LogLine(Instant.EPOCH, "s", "h1", LogLine.Kind.ERROR, "x").format())
                .isEqualTo("1970-01-01T00:00:00.000Z [s] h1: ERROR x");
    }
}
