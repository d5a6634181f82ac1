package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which commands picocli builds a model for (issue 17: only the one that runs, all for help and mistakes). */
class RailyardCliTest {

    private static CommandLine forArgs(String... args) {
        return RailyardCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    @Test
    void buildsOnlyTheCommandTheArgumentsName() {
        assertThat(forArgs("generate", "p.yaml", "-o", "out").getSubcommands().keySet()).containsExactly("generate");
        assertThat(forArgs("--debug", "validate", "p.yaml").getSubcommands().keySet()).containsExactly("validate");
    }

    @Test
    void noCommandHelpAndAMistypedNameSeeEveryCommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "generate"},
                new String[] {"genrate", "p.yaml"}, new String[] {"--debug", "-h"})) {
            assertThat(forArgs(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .hasSize(RailyardCli.commands().size()).contains("validate", "generate", "help", "secret", "health");
        }
    }

    @Test
    void aCommandRunAloneKeepsTheInheritedDebugOption() {
        CommandLine cl = forArgs("generate", "p.yaml", "-o", "out");
        assertThat(cl.getSubcommands().get("generate").getCommandSpec().findOption("--debug")).isNotNull();
    }
}
