package dev.railyard;

import dev.railyard.cli.RailyardCli;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code railyard.jar} and the installed {@code railyard} command: with arguments it
 * is the CLI (no display, no JavaFX loaded); without, it opens the desktop app.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if ((args.length == 0 || opensAPlan(args)) && !Boolean.getBoolean("java.awt.headless") && !"cli".equals(System.getenv("RAILYARD_MODE"))) {
            // loaded by name so that the CLI path never touches a JavaFX class
            Class<?> app = Class.forName("dev.railyard.ui.RailyardApp");
            Method main = app.getMethod("main", String[].class);
            main.invoke(null, (Object) args);
            return;
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // the same lines as picocli's --version, without building the model of every command first
            for (String line : RailyardCli.versionLines()) out.println(line);
            System.exit(RailyardCli.OK);
        }
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(RailyardCli.run(args, out, err));
    }

    /**
     * One existing {@code .yaml} file and nothing else: a plan double-clicked in the file manager (the
     * desktop entry passes it as {@code %f}) or given on the command line opens in the app. No command of
     * the CLI takes a lone file, so this takes nothing from it.
     */
    static boolean opensAPlan(String[] args) {
        if (args.length != 1) return false;
        String arg = args[0];
        String lower = arg.toLowerCase(java.util.Locale.ROOT);
        return (lower.endsWith(".yaml") || lower.endsWith(".yml")) && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(arg));
    }
}
