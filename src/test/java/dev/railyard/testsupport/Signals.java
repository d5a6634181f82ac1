package dev.railyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For tests that stop a child with SIGINT (Ctrl-C, Railyard's polite stop). A process started with SIGINT
 * ignored passes that on to its children, and a shell script cannot trap a signal it was started with
 * ignored: that is what a background job of a shell without job control gets ({@code (mvn ... &)}), and
 * such a run failed these tests with a bare timeout. They now fail saying so.
 */
public final class Signals {

    private static final int SIGINT = 2;

    private Signals() {}

    /** Fails, naming the cause and the fix, when this JVM was started with SIGINT ignored (Linux: /proc/self/status). */
    public static void requireSigintNotIgnored() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return; // not Linux: nothing to read, and nothing known to go wrong
        try {
            String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> l.substring("SigIgn:".length()).trim()).orElse("0");
            assertThat(new BigInteger(ignored, 16).testBit(SIGINT - 1))
                    .as("the test JVM was started with SIGINT ignored (SigIgn %s), so no child can be stopped with it: run the"
                            + " tests in the foreground, from a shell with job control, or under `env --default-signal=INT`", ignored)
                    .isFalse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
