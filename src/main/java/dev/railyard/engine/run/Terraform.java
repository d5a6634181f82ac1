package dev.railyard.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Railyard calls Terraform or OpenTofu over an exported {@code terraform/} folder: never prompting
 * ({@code TF_INPUT=0} and {@code -input=false}), in automation mode, secrets only as {@code TF_VAR_*}
 * environment variables so that no process listing shows them.
 */
public record Terraform(Path executable, Path workingDir, Map<String, String> secretVariables) {

    public Terraform {
        secretVariables = Map.copyOf(secretVariables);
        for (String name : secretVariables.keySet()) {
            if (!name.startsWith("TF_VAR_")) throw new IllegalArgumentException("secret variables are TF_VAR_*: " + name);
        }
    }

    public ProcessSpec command(String subcommand, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add(subcommand);
        command.addAll(List.of(args));
        Map<String, String> env = new LinkedHashMap<>(secretVariables);
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        return new ProcessSpec(command, workingDir, env);
    }

    /** The tool's name for messages: terraform or tofu. */
    public String toolName() {
        String file = executable.getFileName().toString();
        return file.startsWith("tofu") ? "tofu" : "terraform";
    }
}
