package dev.railyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void aLoneExistingYamlFileOpensTheAppAndEverythingElseIsTheCli(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("railyard.yaml"), "apiVersion: railyard.dev/v1\n");
        assertThat(Main.opensAPlan(new String[] {plan.toString()})).isTrue();
        assertThat(Main.opensAPlan(new String[] {dir.resolve("other.YML").toString()})).as("missing file").isFalse();
        assertThat(Main.opensAPlan(new String[] {"validate", plan.toString()})).isFalse();
        assertThat(Main.opensAPlan(new String[] {"examples"})).isFalse();
        assertThat(Main.opensAPlan(new String[] {})).isFalse();
    }
}
