package dev.railyard.cli;

import dev.railyard.engine.secrets.SecretRef;
import dev.railyard.engine.secrets.SecretStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Manages the values behind {@code keychain:NAME} references from the command line, in the same store
 * the desktop app uses. Values are read from the terminal without echo or from standard input, never
 * from an argument (arguments end up in shell history and process lists).
 */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "Stores, lists and deletes the secrets that keychain:NAME references point at.",
        subcommands = {SecretCommand.Set.class, SecretCommand.ListNames.class, SecretCommand.Delete.class})
final class SecretCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static boolean validName(String name, java.io.PrintWriter err) {
        if (SecretRef.parse("keychain:" + name).isPresent()) return true;
        err.println("error: '" + name + "' is not a secret name; use letters, digits, '.', '_' and '-' (at most 64)");
        return false;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Stores a value for NAME: typed without echo on a terminal, otherwise read from standard input (one line).")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            var err = spec.commandLine().getErr();
            if (!validName(name, err)) return RailyardCli.USAGE;
            Console console = System.console();
            String value;
            if (console != null) {
                char[] typed = console.readPassword("Value for keychain:%s: ", name);
                value = typed == null ? null : new String(typed);
            } else {
                value = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (value == null || value.isEmpty()) {
                err.println("error: no value given; nothing was stored");
                return RailyardCli.FAILED;
            }
            Optional<SecretStore> store = CliSecretStores.openForWriting(err);
            if (store.isEmpty()) return RailyardCli.FAILED;
            store.get().put(name, value);
            spec.commandLine().getOut().println("stored keychain:" + name + " in " + store.get().describe());
            return RailyardCli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the names in the store (never the values).")
    static final class ListNames implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            SecretStore store = CliSecretStores.open();
            if (!store.available()) {
                spec.commandLine().getErr().println(store.describe());
                return RailyardCli.OK;
            }
            store.names().stream().sorted().forEach(n -> spec.commandLine().getOut().println("keychain:" + n));
            return RailyardCli.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes NAME from the store.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            if (!validName(name, err)) return RailyardCli.USAGE;
            SecretStore store = CliSecretStores.open();
            if (!store.available()) {
                err.println("error: keychain:" + name + " is not stored: " + store.describe());
                return RailyardCli.FAILED;
            }
            if (store.get(name).isEmpty()) {
                err.println("error: keychain:" + name + " is not stored in " + store.describe());
                return RailyardCli.FAILED;
            }
            store.delete(name);
            spec.commandLine().getOut().println("deleted keychain:" + name);
            return RailyardCli.OK;
        }
    }
}
