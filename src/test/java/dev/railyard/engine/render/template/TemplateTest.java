package dev.railyard.engine.render.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void insertsValuesOnlyThroughTheFormatsEscaper() {
        Template t = Template.parse("t", "name = {{name}}\n");
        assertThat(t.render(Map.of("name", "a\"b${c}"), HclEscaper.INSTANCE)).isEqualTo("name = \"a\\\"b$${c}\"\n");
        assertThat(t.render(Map.of("name", "it's"), ShellEscaper.INSTANCE)).isEqualTo("name = 'it'\\''s'\n");
        assertThat(t.render(Map.of("name", "yes"), YamlEscaper.plain())).isEqualTo("name = \"yes\"\n");
    }

    @Test
    void repeatsSectionsForListsAndDropsStandaloneTagLines() {
        Template t = Template.parse("t", "ports:\n  {{#ports}}\n  - {{.}}\n  {{/ports}}\nend\n");
        assertThat(t.render(Map.of("ports", List.of(22, 80)), YamlEscaper.plain())).isEqualTo("ports:\n  - 22\n  - 80\nend\n");
    }

    @Test
    void showsInvertedSectionsForFalseAndEmpty() {
        Template t = Template.parse("t", "{{^on}}\noff\n{{/on}}\n{{#on}}\non\n{{/on}}\n");
        assertThat(t.render(Map.of("on", false), YamlEscaper.plain())).isEqualTo("off\n");
        assertThat(t.render(Map.of("on", true), YamlEscaper.plain())).isEqualTo("on\n");
        assertThat(t.render(Map.of("on", List.of()), YamlEscaper.plain())).isEqualTo("off\n");
    }

    @Test
    void looksUpNamesThroughEnclosingMapsAndDottedPaths() {
        Template t = Template.parse("t", "{{#hosts}}{{name}}@{{cluster.name}} {{/hosts}}");
        Map<String, Object> ctx = Map.of("cluster", Map.of("name", "c"), "hosts", List.of(Map.of("name", "a"), Map.of("name", "b")));
        assertThat(t.render(ctx, ShellEscaper.INSTANCE)).isEqualTo("a@c b@c ");
    }

    @Test
    void failsLoudlyOnAMissingValueInsteadOfRenderingNothing() {
        Template t = Template.parse("main.tf", "a\nname = {{nmae}}\n");
        assertThatThrownBy(() -> t.render(Map.of("name", "x"), HclEscaper.INSTANCE))
                .isInstanceOf(IllegalStateException.class).hasMessage("main.tf:2: no value for {{nmae}}");
    }

    @Test
    void rejectsUnbalancedSections() {
        assertThatThrownBy(() -> Template.parse("t", "{{#a}}x")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Template.parse("t", "{{#a}}x{{/b}}")).hasMessageContaining("closes {{#a}}");
    }

    @Test
    void embedsBlocksAsLiteralYamlIndentedUnderTheirLine() {
        Template t = Template.parse("t", "files:\n  - path: /x\n    content: {{script}}\n");
        String out = t.render(Map.of("script", new Block("#!/bin/bash\necho hi\n")), YamlEscaper.plain());
        assertThat(out).isEqualTo("files:\n  - path: /x\n    content: |\n      #!/bin/bash\n      echo hi\n");
    }

    @Test
    void escapesTerraformInterpolationInsideCloudInitBlocks() {
        Template t = Template.parse("t", "content: {{script}}\n");
        String out = t.render(Map.of("script", new Block("echo ${HOME} %{x}\n")), YamlEscaper.forTerraformTemplate());
        assertThat(out).isEqualTo("content: |\n  echo $${HOME} %%{x}\n");
    }

    @Test
    void commentsVanish() {
        assertThat(Template.parse("t", "a\n{{! why this is here }}\nb\n").render(Map.of(), YamlEscaper.plain())).isEqualTo("a\nb\n");
    }
}
