package dev.railyard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class AppLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(AppLogTest.class);

    @Test
    void writesInfoToAnOwnerOnlyFileUnderTheDataFolderRedactedLikeTheRunLogs(@TempDir Path data) throws Exception {
        AppLog log = AppLog.install(AppLog.folder(data), false);
        try {
            log.redactor().addAll(List.of("hcloud-known-value-123"));
            LOG.info("calling the API with hcloud-known-value-123");
            LOG.info("config password=hunter2hunter2 and Authorization: Bearer abcdefghijklmnop");
            LOG.debug("a debug line");
            LOG.warn("failed", new IllegalStateException("token=zzzSECRETzzz"));
        } finally {
            log.close();
        }
        Path file = data.resolve("logs/railyard.log");
        String text = Files.readString(file);
        assertThat(text).contains("INFO").contains("calling the API with ***").contains("password=[REDACTED]")
                .contains("Bearer [REDACTED]").contains("IllegalStateException").doesNotContain("hcloud-known-value-123")
                .doesNotContain("hunter2hunter2").doesNotContain("abcdefghijklmnop").doesNotContain("zzzSECRETzzz")
                .doesNotContain("a debug line");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theDebugSwitchKeepsDebugLinesAndDiagnosticsCarryVersionOsJavaModulesAndTheLogTail(@TempDir Path data) throws Exception {
        AppLog log = AppLog.install(AppLog.folder(data), true);
        try {
            LOG.debug("a debug line with secret=abcdef123456");
        } finally {
            log.close();
        }
        String diagnostics = AppLog.diagnostics(AppLog.folder(data), 20);
        assertThat(diagnostics).startsWith("Railyard ").contains("OS: " + System.getProperty("os.name")).contains("Java: ")
                .contains("Runtime modules: ").contains("java.base").contains("a debug line with secret=[REDACTED]")
                .doesNotContain("abcdef123456");
    }

    /** {@code railyard --debug} prints every line on stderr too: redacted there like the file and the run logs. */
    @Test
    void debugLinesOnStderrAreRedactedLikeTheFile(@TempDir Path data) throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        AppLog log = null;
        try {
            log = AppLog.install(AppLog.folder(data), true);
            log.redactor().addAll(List.of("CANARY-stderr-known-4711"));
            LOG.debug("resolved the token CANARY-stderr-known-4711 for the API");
            LOG.debug("config password=CANARYpattern0815 end");
        } finally {
            if (log != null) log.close();
            System.setErr(original);
        }
        String stderr = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(stderr).contains("resolved the token *** for the API").contains("password=[REDACTED]")
                .doesNotContain("CANARY-stderr-known-4711").doesNotContain("CANARYpattern0815");
    }
}
