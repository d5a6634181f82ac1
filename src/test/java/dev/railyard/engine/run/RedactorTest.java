package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
