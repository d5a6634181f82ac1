package dev.railyard.cli;

import dev.railyard.engine.plan.Examples;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "Lists the bundled example plans (they work offline); start one with `railyard init --example NAME`.")
final class ExamplesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        int width = Examples.ALL.stream().mapToInt(e -> e.name().length()).max().orElse(10);
        for (Examples.Example e : Examples.ALL) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
        }
        return RailyardCli.OK;
    }
}
