package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        Stopped stopped = cancelOnceReady(script, ready);
        ProcessResult result = stopped.result();
        double seconds = stopped.seconds();

        assertThat(marker).as("the child's INT trap ran").exists();
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(seconds).as("well before the 20 s grace period").isLessThan(10);
        assertThat(result.cancelled()).isTrue();
        assertThat(result.forced()).as("a polite stop needs no force").isFalse();
    }

    /**
     * A child that forks on its way out (here a {@code sleep 30} that inherits the output pipes, then
     * half a second before it exits) leaves an orphan that {@code descendants()} no longer sees once
     * the child has gone. The stop looks at the tree again during the grace period, so the orphan is
     * stopped with its parent and the run ends at once. With the tree taken only when the stop began,
     * the orphan lived on and held the pipes: the run took 10 s (two readers, 5 s each).
     */
    @Test
    void whatTheChildForksAfterTheSignalIsStoppedWithItAndHoldsNoPipe() throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        Path ready = temp.resolve("ready");
        Path orphan = temp.resolve("orphan-pid");
        String script = "trap 'sleep 30 & echo $! > \"" + orphan + "\"; sleep 0.5; exit 130' INT; touch \"" + ready + "\"; "
                + "while true; do sleep 0.1; done";
        Stopped stopped = cancelOnceReady(script, ready);
        ProcessResult result = stopped.result();
        double seconds = stopped.seconds();
        long pid = Long.parseLong(Files.readString(orphan).trim());
        // a signalled process stays in /proc until its new parent reaps it: give that a moment
        java.util.Optional<ProcessHandle> left = ProcessHandle.of(pid);
        for (int i = 0; i < 40 && left.filter(ProcessHandle::isAlive).isPresent(); i++) TimeUnit.MILLISECONDS.sleep(50);
        left = left.filter(ProcessHandle::isAlive);
        left.ifPresent(ProcessHandle::destroyForcibly);

        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.forced()).isFalse();
        assertThat(left).as("the sleep the child forked after SIGINT").isEmpty();
        assertThat(seconds).as("no reader waited for a pipe the orphan held").isLessThan(6);
    }

    private record Stopped(ProcessResult result, double seconds) {}

    /**
     * Runs {@code script} under bash with a 20 s grace period and the POSIX polite stop, and cancels
     * the run once the script has created {@code ready} (its INT trap is set by then).
     */
    private Stopped cancelOnceReady(String script, Path ready) throws Exception {
        ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(20), PoliteStop.forOs("Linux"));
        Cancellation cancellation = new Cancellation();
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
                (kind, text) -> { }, cancellation);
        double seconds = (System.nanoTime() - start) / 1e9;
        canceller.join();
        return new Stopped(result, seconds);
    }
}
