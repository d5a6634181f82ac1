package dev.railyard.cli;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Starts a plan from a bundled example: writes it to FILE (default railyard.yaml), or to stdout with -o -.")
final class InitCommand implements Callable<Integer> {

    @Option(names = "--example", required = true, paramLabel = "NAME", description = "one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = ExampleNames.class)
    String example;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "railyard.yaml", description = "where to write the plan (default: ${DEFAULT-VALUE}); '-' for stdout")
    String output;

    @Option(names = "--force", description = "overwrite an existing file")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (Examples.find(example).isEmpty()) {
            err.println("error: no example named '" + example + "'; choose one of: " + String.join(", ", new ExampleNames()));
            return RailyardCli.USAGE;
        }
        String text = Examples.text(example);
        if (output.equals("-")) {
            out.print(text);
            return RailyardCli.OK;
        }
        Path file = Path.of(output);
        if (Files.exists(file) && !force) {
            err.println("error: " + file + " exists; pass --force to overwrite it or choose another file with -o");
            return RailyardCli.FAILED;
        }
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return RailyardCli.FAILED;
        }
        out.println("wrote " + file + " from the example " + example + "; next: railyard validate " + file);
        return RailyardCli.OK;
    }

    static final class ExampleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Examples.ALL.stream().map(Examples.Example::name).iterator();
        }
    }
}
