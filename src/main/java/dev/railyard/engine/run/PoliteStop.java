package dev.railyard.engine.run;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polite first step of a cancel: the signal a child such as Terraform treats as "stop after the
 * current operation, keep the state consistent". Chosen by the operating system ({@link #forOs}):
 * POSIX gets SIGINT ({@code kill -INT}); Windows has no signals, and Terraform stops politely on
 * Ctrl-Break there. When the polite signal cannot be sent, {@link #send} answers false and the caller
 * falls back to {@link ProcessHandle#destroy()}.
 */
public interface PoliteStop {

    /** Sends the polite stop to {@code process}; false when it could not be sent. */
    boolean send(ProcessHandle process);

    /** A name for logs. */
    String describe();

    /** The polite stop for the system whose {@code os.name} is {@code osName}. */
    static PoliteStop forOs(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows") ? new WindowsCtrlBreak() : new PosixInterrupt();
    }

    /** The polite stop for this machine. */
    static PoliteStop current() {
        return forOs(System.getProperty("os.name"));
    }

    /** SIGINT through {@code kill -INT PID}, what Terraform documents as a graceful stop on POSIX. */
    record PosixInterrupt() implements PoliteStop {
        @Override
        public boolean send(ProcessHandle process) {
            return Helper.run(List.of("kill", "-INT", Long.toString(process.pid())));
        }

        @Override
        public String describe() {
            return "SIGINT";
        }
    }

    /**
     * Ctrl-Break through the Win32 console API: a short PowerShell helper detaches from its own console,
     * attaches to the child's, ignores the event itself and sends {@code CTRL_BREAK_EVENT} to that console's
     * processes ({@code GenerateConsoleCtrlEvent(1, 0)}). Terraform handles Ctrl-Break as a graceful stop.
     * <b>Untested here:</b> the project's test machines run Linux; only {@link PoliteStop#forOs} choosing
     * this on Windows and the command it builds are tested.
     */
    record WindowsCtrlBreak() implements PoliteStop {
        @Override
        public boolean send(ProcessHandle process) {
            return Helper.run(command(process.pid()));
        }

        /** The helper's command line (exposed for the test: this path cannot run on Linux). */
        static List<String> command(long pid) {
            String script = "$s='[DllImport(\"kernel32.dll\")] public static extern bool FreeConsole();"
                    + "[DllImport(\"kernel32.dll\")] public static extern bool AttachConsole(uint p);"
                    + "[DllImport(\"kernel32.dll\")] public static extern bool SetConsoleCtrlHandler(System.IntPtr h, bool a);"
                    + "[DllImport(\"kernel32.dll\")] public static extern bool GenerateConsoleCtrlEvent(uint e, uint g);';"
                    + "$k=Add-Type -MemberDefinition $s -Name K -Namespace Railyard -PassThru;"
                    + "[void]$k::FreeConsole();"
                    + "if(-not $k::AttachConsole(" + pid + ")){exit 1};"
                    + "[void]$k::SetConsoleCtrlHandler([System.IntPtr]::Zero,$true);"
                    + "if(-not $k::GenerateConsoleCtrlEvent(1,0)){exit 2};exit 0";
            return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script);
        }

        @Override
        public String describe() {
            return "Ctrl-Break";
        }
    }

    /** Runs a short helper command and says whether it succeeded within a few seconds. */
    final class Helper {
        private static final Logger LOG = LoggerFactory.getLogger(PoliteStop.class);

        private Helper() {}

        static boolean run(List<String> command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(5, TimeUnit.SECONDS)) return p.exitValue() == 0;
                p.destroyForcibly();
                return false;
            } catch (IOException e) {
                LOG.debug("cannot run {}: {}", command.get(0), e.toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
