package dev.railyard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: thin picocli commands over the same engine calls the GUI makes.
 *
 * <p>Exit codes: 0 success; 1 failure (I/O, missing secret, refused overwrite, failed step);
 * 2 invalid plan (parse or validation errors); 64 wrong usage.
 */
@Command(name = "railyard",
        mixinStandardHelpOptions = true,
        versionProvider = RailyardCli.Version.class,
        description = "Plans, generates and provisions self-hosted Gitpod or Coder on k3s.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure (I/O, missing secret, refused overwrite)",
                "2:invalid plan (parse or validation errors)",
                "3:provisioning preflight failed (nothing was created)",
                "130:cancelled (Ctrl-C)",
                "64:wrong usage"
        })
public final class RailyardCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_PLAN = 2;
    public static final int PREFLIGHT_FAILED = 3;
    public static final int CANCELLED = 130;
    public static final int USAGE = 64;

    /**
     * The commands, in the order help lists them. Not {@code @Command(subcommands = ...)}: picocli would
     * build the model of every command at every start; {@link #commandLine(PrintWriter, PrintWriter, String[])}
     * adds only the one the arguments name (issue 17). A method, not a constant: {@code --version} loads
     * this class and none of the commands.
     */
    static List<Class<?>> commands() {
        return List.of(
                ValidateCommand.class,
                GenerateCommand.class,
                ExamplesCommand.class,
                InitCommand.class,
                ProvisionCommand.class,
                UpCommand.class,
                ResumeCommand.class,
                DestroyCommand.class,
                SecretCommand.class,
                HealthCommand.class,
                KubeconfigCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class);
    }

    /**
     * The only wall clock of the command line (its composition root): commands judge certificate
     * expiry, ages and run times against the clock they are given, so tests can hand them a fixed one.
     */
    static final Clock CLOCK = Clock.systemUTC();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * {@code --debug} (before or after the command): DEBUG lines on stderr and in the log file a user can
     * send ({@code logs/railyard.log} in the app data folder, redacted).
     */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print debug lines and keep them, redacted, in the app data folder's logs/railyard.log")
    void debug(boolean on) {
        if (!on) return;
        try {
            var log = dev.railyard.launch.AppLog.install(
                    dev.railyard.launch.AppLog.folder(dev.railyard.engine.project.AppDirs.forCurrentUser().data()), true);
            spec.commandLine().getErr().println("debug log: " + log.folder().resolve(dev.railyard.launch.AppLog.FILE));
        } catch (IOException e) {
            spec.commandLine().getErr().println("warning: no debug log file: " + e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command line, every command in it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command line for {@code args}: with only the command they name when it is one of {@link #commands()}
     * other than help, else (no command, help, a mistyped name) with all of them, so help and suggestions see them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(new RailyardCli());
        Optional<Class<?>> named = args == null ? Optional.empty() : commandNamed(args);
        for (Class<?> command : named.map(List::<Class<?>>of).orElseGet(RailyardCli::commands)) {
            cl.addSubcommand(command);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("error: " + ex.getMessage());
            failed.getErr().println("see: " + failed.getCommandSpec().qualifiedName() + " --help");
            return USAGE;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The command the arguments name: the first one that is not an option of {@code railyard} itself. */
    private static Optional<Class<?>> commandNamed(String[] args) {
        for (String arg : args) {
            if (arg.equals("--debug")) continue;
            if (arg.startsWith("-")) return Optional.empty();
            for (Class<?> command : commands()) {
                Command annotation = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (annotation.name().equals(arg) || Arrays.asList(annotation.aliases()).contains(arg))) {
                    return Optional.of(command);
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err, args).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the build, shown by {@code --version} and the GUI's About box. */
    public static String version() {
        // from the jar's manifest, which the class loader has read already: the properties file is a second
        // opening of the whole jar through a jar: URL (issue 17, --version); it serves runs from target/classes
        String manifest = RailyardCli.class.getPackage().getImplementationVersion();
        if (manifest != null) return manifest;
        try (InputStream in = RailyardCli.class.getResourceAsStream("/railyard-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    /** What {@code --version} prints, one line each. */
    public static String[] versionLines() {
        return new String[] {"railyard " + version(), "Java " + System.getProperty("java.version")};
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return versionLines();
        }
    }
}
