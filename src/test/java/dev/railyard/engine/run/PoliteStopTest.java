package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polite stop of a cancel is chosen by the OS. The POSIX path runs for real here: a child that traps
 * SIGINT (as Terraform does) gets it and leaves on its own, before the grace period, and is not forced.
 * The Windows path (Ctrl-Break through the console API) is untested here — these machines run Linux —
 * beyond the choice of it and the helper command it builds.
 */
class PoliteStopTest {

    @TempDir Path temp;

    @Test
    void theOsNameChoosesThePoliteStop() {
        assertThat(PoliteStop.forOs("Windows 11")).isInstanceOf(PoliteStop.WindowsCtrlBreak.class);
        assertThat(PoliteStop.forOs("Windows Server 2022")).isInstanceOf(PoliteStop.WindowsCtrlBreak.class);
        assertThat(PoliteStop.forOs("Linux")).isInstanceOf(PoliteStop.PosixInterrupt.class);
        assertThat(PoliteStop.forOs("Mac OS X")).isInstanceOf(PoliteStop.PosixInterrupt.class);
        assertThat(PoliteStop.forOs(null)).isInstanceOf(PoliteStop.PosixInterrupt.class);
    }

    @Test
    void theWindowsHelperSendsCtrlBreakToTheChildsConsole() {
        List<String> command = PoliteStop.WindowsCtrlBreak.command(4242);
        assertThat(command.get(0)).isEqualTo("powershell.exe");
        String script = command.get(command.size() - 1);
        assertThat(script).contains("AttachConsole(4242)").contains("GenerateConsoleCtrlEvent(1,0)")
                .contains("SetConsoleCtrlHandler([System.IntPtr]::Zero,$true)");
    }

    @Test
    void cancelSendsSigintOnPosixAndTheChildStopsPolitelyWithoutForce() throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        Path marker = temp.resolve("got-int");
        Path ready = temp.resolve("ready");
        String script = "trap 'echo interrupted > \"" + marker + "\"; exit 130' INT; touch \"" + ready + "\"; "
                + "while true; do sleep 0.1; done";
        ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(20), PoliteStop.forOs("Linux"));
        Cancellation cancellation = new Cancellation();
        List<String> lines = new ArrayList<>();
        Thread canceller = new Thread(() -> {
            try {
                for (int i = 0; i < 200 && !Files.exists(ready); i++) TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            cancellation.cancel();
        });
        canceller.start();
        long start = System.nanoTime();
        ProcessResult result = runner.run(new ProcessSpec(List.of("bash", "-c", script), temp, java.util.Map.of()),
                (kind, text) -> lines.add(text), cancellation);
        double seconds = (System.nanoTime() - start) / 1e9;
        canceller.join();

        assertThat(marker).as("the child's INT trap ran").exists();
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(seconds).as("well before the 20 s grace period").isLessThan(10);
        assertThat(result.cancelled()).isTrue();
        assertThat(result.forced()).as("a polite stop needs no force").isFalse();
    }
}
