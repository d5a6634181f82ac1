package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void hidesTheLongestSecretFirstSoNoPartOfItLeaks() {
        Redactor r = new Redactor(List.of("abcd", "abcd-efgh-ijkl"));
        assertThat(r.redact("token=abcd-efgh-ijkl and abcd")).isEqualTo("token=*** and ***");
    }

    @Test
    void hidesEachLineOfAMultiLineSecretWhenPrintedLineByLine() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5\n-----END OPENSSH PRIVATE KEY-----\n";
        Redactor r = new Redactor(List.of(key));
        assertThat(r.redact("  b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ")).isEqualTo("  ***");
        assertThat(r.redact(key)).doesNotContain("b3Blbn");
    }

    @Test
    void ignoresValuesTooShortToBeSecretsRatherThanMaskingOrdinaryText() {
        Redactor r = new Redactor(List.of("", "ab"));
        assertThat(r.redact("about abc")).isEqualTo("about abc");
        assertThat(r.size()).isZero();
    }

    @Test
    void learnsSecretsAddedDuringTheRun() {
        Redactor r = new Redactor();
        r.add("client-key-data-value");
        assertThat(r.redact("x client-key-data-value y")).isEqualTo("x *** y");
    }

    @Test
    void hidesTwoOverlappingSecretsWholeRatherThanLeavingTheSecondOnesTail() {
        Redactor r = new Redactor(List.of("abcd-efgh", "efgh-ijkl"));
        assertThat(r.redact("x abcd-efgh-ijkl y")).isEqualTo("x *** y");
    }

    @Test
    void hidesASecretThatOverlapsItself() {
        Redactor r = new Redactor(List.of("abab"));
        assertThat(r.redact("ababab and abab")).isEqualTo("*** and ***");
    }

    @Test
    void hidesASecretThatOnlyAppearsOnceAnotherIsMasked() {
        Redactor r = new Redactor(List.of("***wxyz", "secret-1"));
        assertThat(r.redact("secret-1wxyz")).isEqualTo("***");
    }

    @Test
    void returnsTheSameStringWhenThereIsNothingToHide() {
        Redactor r = new Redactor(List.of("hunter2-secret"));
        String line = "nothing to see here";
        assertThat(r.redact(line)).isSameAs(line);
    }

    @Property(tries = 500)
    void noSecretSurvivesInAnyLineBuiltFromSecretsAndTheirPieces(
            @ForAll @Size(min = 1, max = 5) List<@From("secrets") String> secrets,
            @ForAll @Size(max = 12) List<@IntRange(max = 200) Integer> plan) {
        // the line: secrets whole, cut in half, glued together, between filler text
        List<String> parts = new ArrayList<>();
        for (int step : plan) {
            String s = secrets.get(Math.floorMod(step, secrets.size()));
            switch (Math.floorMod(step / 7, 4)) {
                case 0 -> parts.add(s);
                case 1 -> parts.add(s.substring(0, s.length() / 2));
                case 2 -> parts.add(s.substring(s.length() / 2));
                default -> parts.add(" ab-");
            }
        }
        String line = String.join("", parts);
        String redacted = new Redactor(secrets).redact(line);
        for (String s : secrets) assertThat(redacted).doesNotContain(s);
        if (secrets.stream().noneMatch(line::contains)) assertThat(redacted).isEqualTo(line);
    }

    @Provide
    Arbitrary<String> secrets() {
        // a small alphabet makes overlaps and secrets inside secrets common
        return Arbitraries.strings().withChars("ab-*").ofMinLength(4).ofMaxLength(9);
    }
}
