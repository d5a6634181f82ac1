package dev.railyard.cli;

import picocli.CommandLine.Command;

/** {@code railyard up PLAN}: generate and provision in one step, so what runs is always what the plan says now. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Generates the plan's files into the export folder (keeping Terraform's state there) and provisions",
                "the cluster from them: `railyard generate` followed by `railyard provision`, in one step.",
                "Ctrl-C cancels cleanly; `railyard resume PLAN` continues at the first unfinished step."},
        exitCodeListHeading = RunCommands.EXIT_CODES_HEADING,
        exitCodeList = {"0:the cluster is ready", "1:a step failed (resume continues there), or the folder is not Railyard's",
                "2:invalid plan", "3:preflight failed (nothing was created)", "64:wrong usage", "130:cancelled (Ctrl-C)"})
public final class UpCommand extends ProvisionCommand {

    @Override
    boolean alwaysRegenerate() {
        return true;
    }
}
