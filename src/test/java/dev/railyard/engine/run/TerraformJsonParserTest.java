package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TerraformJsonParserTest {

    final TerraformJsonParser parser = new TerraformJsonParser();

    @Test
    void readsTerraformsVersionLine() {
        TerraformEvent e = parser.parse("{\"@level\":\"info\",\"@message\":\"Terraform 1.3.7\",\"@module\":\"terraform.ui\",\"@timestamp\":\"2023-01-20T21:13:02.177699Z\",\"terraform\":\"1.3.7\",\"type\":\"version\",\"ui\":\"1.0\"}");
        assertThat(e.version()).isEqualTo(new TerraformEvent.ToolVersion("terraform", "1.3.7", "1.0"));
    }

    @Test
    void readsOpenTofusVersionLineWithItsOwnKeyAndModule() {
        TerraformEvent e = parser.parse("{\"@level\":\"info\",\"@message\":\"OpenTofu 1.10.5\",\"@module\":\"tofu.ui\",\"tofu\":\"1.10.5\",\"type\":\"version\",\"ui\":\"1.2\"}");
        assertThat(e.version()).isEqualTo(new TerraformEvent.ToolVersion("tofu", "1.10.5", "1.2"));
    }

    @Test
    void acceptsTheOldZeroDotOneUiVersionAndRejectsAnUnknownMajor() {
        assertThat(parser.parse("{\"type\":\"version\",\"terraform\":\"1.0.11\",\"ui\":\"0.1.0\"}").version().ui()).isEqualTo("0.1.0");
        assertThatThrownBy(() -> parser.parse("{\"type\":\"version\",\"terraform\":\"2.0.0\",\"ui\":\"2.0\"}"))
                .isInstanceOf(TerraformJsonParser.UnsupportedUiVersionException.class).hasMessageContaining("'2.0'");
    }

    @Test
    void readsTofusChangeSummaryWithImportAndForget() {
        TerraformEvent e = parser.parse("{\"@message\":\"Plan: 2 to add, 1 to change, 1 to destroy, 1 to forget.\",\"changes\":{\"add\":2,\"change\":1,\"import\":0,\"remove\":1,\"forget\":1,\"operation\":\"plan\"},\"type\":\"change_summary\"}");
        assertThat(e.changes()).isEqualTo(new TerraformEvent.ChangeSummary(2, 1, 1, 0, 1, "plan"));
        assertThat(e.changes().total()).isEqualTo(4);
    }

    @Test
    void keepsTheMessageOfAnUnknownTypeAndIgnoresUnknownKeys() {
        TerraformEvent e = parser.parse("{\"@level\":\"info\",\"@message\":\"Listing resources...\",\"type\":\"list_start\",\"novel\":{\"x\":1}}");
        assertThat(e.type()).isEqualTo("list_start");
        assertThat(e.message()).isEqualTo("Listing resources...");
    }

    @Test
    void neverKeepsTheValueOfASensitiveOutput() {
        TerraformEvent e = parser.parse("{\"@message\":\"Outputs: 2\",\"outputs\":{\"ip\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"203.0.113.7\"},\"token\":{\"sensitive\":true,\"type\":\"string\",\"value\":\"s3cr3t-value\"}},\"type\":\"outputs\"}");
        assertThat(e.outputs().get("ip").valueJson()).isEqualTo("\"203.0.113.7\"");
        assertThat(e.outputs().get("token").valueJson()).isNull();
        assertThat(e.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void joinsHookMessagesByResourceAddressForProgress() {
        TerraformProgress progress = new TerraformProgress(0);
        progress.accept(parser.parse("{\"changes\":{\"add\":2,\"change\":0,\"remove\":0,\"operation\":\"plan\"},\"type\":\"change_summary\",\"@message\":\"Plan: 2 to add\"}"));
        String complete = "{\"@message\":\"x: Creation complete after 0s\",\"hook\":{\"resource\":{\"addr\":\"null_resource.foo\"},\"action\":\"create\",\"elapsed_seconds\":0},\"type\":\"apply_complete\"}";
        progress.accept(parser.parse(complete));
        progress.accept(parser.parse(complete));
        assertThat(progress.describe()).isEqualTo("resource 1 of 2");
    }

    @Test
    void treatsANonJsonLineAsText() {
        TerraformEvent e = parser.parse("panic: runtime error: invalid memory address");
        assertThat(e.type()).isEqualTo("text");
        assertThat(e.message()).startsWith("panic:");
    }
}
