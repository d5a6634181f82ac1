package dev.railyard.engine.render.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.railyard.testsupport.ExternalTools;
import dev.railyard.testsupport.Scratch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The three escapers against the real parsers: whatever the text, the parsed value is the text.
 * HCL and shell values are collected during the property and checked in one file per property
 * (one parser or bash process for all tries), which keeps the whole class to a few seconds.
 *
 * <p>Note on HCL: hcl2json prints a string attribute in HCL template form, so a literal {@code ${}
 * comes back as {@code $${} and {@code %{} as {@code %%{}; the comparison re-escapes the original
 * the same way. HCL also normalizes every string to Unicode NFC, escaped or not ({@code "e\\u0301"}
 * is read as {@code "é"}), so Terraform sees the NFC form of a value; the comparison does the same.
 * That cannot change the meaning of a file (ASCII, and so every delimiter, is unaffected by NFC).
 */
class EscaperProperties {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> HOSTILE = List.of(
            "\n", "\r\n", "\r", "\t", "\0", "\u000B", "\u000C", "\u001B[31m", "\u007F", "\u0085", "\u0080", "\u009F", "\u2028", "\u2029",
            "\"", "'", "\\", "\\n", "\\u0041", "${", "$${", "$$${", "${var.x}", "$(", "$(reboot)", "`id`", "`", "#", " #", "# c", ": ",
            "- ", ":", "-", "&", "&a", "*", "*a", "!", "!!str", "|", "|-", ">", ">+", "%", "%{", "%%{", "%{ if x }", "@", "{{", "}}",
            "{", "}", "[", "]", ",", "?", "? ", ";", "&&", "..", "...", "---", " ", "  ", "\u00A0", "\u200B", "\u200E", "\u200F",
            "\u202E", "\u2066", "\uFEFF", "\uFFFE", "\uFFFF", "😀", "é", "İ", "ａ", "ß", "true", "null", "~", "0x1F", "0755", "1e3",
            "=", "+", "<", "$", "$$", "'\\''", "\n\n", "\n  ", "  \n", "\t\n");

    /** Well-formed Unicode text: hostile fragments, random code points from every plane, and runs of both. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(4).map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(HOSTILE)),
                Tuple.of(2, codePoints),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(4)),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMaxLength(6)));
        return fragment.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> textWithoutNul() {
        return text().map(s -> s.replace("\0", ""));
    }

    // ---- YAML ----

    @Property(tries = 1000)
    void yamlScalarParsesBackToTheSameText(@ForAll("text") String value) throws Exception {
        String doc = Template.parse("t.yaml", "key: {{v}}\nnested:\n  inner: {{v}}\nlist:\n  - {{v}}\n  - {{v}}\n")
                .render(Map.of("v", value), YamlEscaper.plain());
        JsonNode parsed = YAML.readTree(doc);
        assertThat(parsed.get("key").textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("nested").get("inner").textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("list").get(1).textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.size()).isEqualTo(3);
    }

    @Property(tries = 1000)
    void yamlBlockParsesBackToTheSameText(@ForAll("text") String value) throws Exception {
        String doc = Template.parse("t.yaml", "key: {{b}}\nnested:\n  inner: {{b}}\n  after: 1\nlist:\n  - {{b}}\n"
                        + "  - key: {{b}}\n    other: 3\n  - - {{b}}\nlast: 2\n")
                .render(Map.of("b", new Block(value)), YamlEscaper.plain());
        JsonNode parsed = YAML.readTree(doc);
        assertThat(parsed.get("key").textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("nested").get("inner").textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("nested").get("after").intValue()).as(doc).isEqualTo(1);
        assertThat(parsed.get("list").get(0).textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("list").get(1).get("key").textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("list").get(1).get("other").intValue()).as(doc).isEqualTo(3);
        assertThat(parsed.get("list").get(2).get(0).textValue()).as(doc).isEqualTo(value);
        assertThat(parsed.get("last").intValue()).as(doc).isEqualTo(2);
    }

    @Property(tries = 1000)
    void yamlForTerraformReadsBackAsPlainYamlAfterTemplatefile(@ForAll("text") String value) {
        for (Object v : List.of(value, new Block(value))) {
            String forTerraform = YamlEscaper.forTerraformTemplate().escape(v, 2);
            assertThat(terraformTemplateLiteral(forTerraform)).as(forTerraform).isEqualTo(YamlEscaper.plain().escape(v, 2));
        }
    }

    /**
     * What Terraform's templatefile() makes of text without interpolations, scanned left to right as
     * HCL does: {@code $${} and {@code %%{} are escapes for {@code ${} and {@code %{}; an unescaped
     * {@code ${} or {@code %{} would start an interpolation or a directive, which must never happen.
     */
    static String terraformTemplateLiteral(String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); ) {
            if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
                out.append(template.charAt(i)).append('{');
                i += 3;
            } else {
                assertThat(template.startsWith("${", i) || template.startsWith("%{", i))
                        .as("an interpolation starts at index %d of %s", i, template).isFalse();
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    // ---- HCL: one .tf file for all tries, parsed once ----

    private final List<String> hclValues = new ArrayList<>();

    @Property(tries = 1000)
    void hclStringIsOneLineLiteral(@ForAll("text") String value) {
        String literal = HclEscaper.INSTANCE.escape(value, 0);
        assertThat(literal).startsWith("\"").endsWith("\"").doesNotContain("\n").doesNotContain("\r");
        hclValues.add(value);
    }

    @AfterProperty
    void parseAllHclValuesOnce() throws Exception {
        if (hclValues.isEmpty()) return;
        try (Scratch scratch = Scratch.create("railyard-hcl")) {
            Path file = scratch.resolve("values.tf");
            List<Map<String, Object>> items = IntStream.range(0, hclValues.size())
                    .mapToObj(i -> Map.<String, Object>of("i", i, "v", hclValues.get(i))).toList();
            Files.writeString(file, Template.parse("values.tf", "{{#items}}\nattr_{{i}} = {{v}}\n{{/items}}\n")
                    .render(Map.of("items", items), HclEscaper.INSTANCE), StandardCharsets.UTF_8);
            ExternalTools.Result result = ExternalTools.hclParse(List.of(file));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode attributes = JSON.readTree(result.stdout()).get(file.toString());
            assertThat(attributes.size()).isEqualTo(hclValues.size());
            for (int i = 0; i < hclValues.size(); i++) {
                String expected = Normalizer.normalize(hclValues.get(i), Normalizer.Form.NFC).replace("${", "$${").replace("%{", "%%{");
                assertThat(attributes.get("attr_" + i).textValue()).as("attr_%d", i).isEqualTo(expected);
            }
        }
    }

    // ---- shell: one bash script for all tries ----

    private final List<String> shellValues = new ArrayList<>();

    @Property(tries = 1000)
    void shellWordHasNoUnquotedSpecials(@ForAll("textWithoutNul") String value) {
        String word = ShellEscaper.INSTANCE.escape(value, 0);
        assertThat(word).isNotEmpty();
        shellValues.add(value);
    }

    @AfterProperty
    void runAllShellValuesOnce() throws Exception {
        if (shellValues.isEmpty()) return;
        try (Scratch scratch = Scratch.create("railyard-sh")) {
            Path script = scratch.resolve("values.sh");
            List<Map<String, Object>> items = shellValues.stream().map(v -> Map.<String, Object>of("v", v)).toList();
            Files.writeString(script, Template.parse("values.sh", "set -eu\n{{#items}}\nprintf '%s\\0' {{v}}\n{{/items}}\n")
                    .render(Map.of("items", items), ShellEscaper.INSTANCE), StandardCharsets.UTF_8);
            // the generated scripts run wherever cloud-init or ssh puts them: the value must not depend on the locale
            for (String locale : List.of("C.UTF-8", "C")) {
                List<String> printed = runBash(script, locale);
                assertThat(printed).as("values printed by bash under LC_ALL=%s", locale).containsExactlyElementsOf(shellValues);
            }
        }
    }

    private static List<String> runBash(Path script, String locale) throws Exception {
        ExternalTools.require("bash", "apt-get install -y bash");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false);
        pb.environment().put("LC_ALL", locale);
        Process p = pb.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        byte[] out = bytes.toByteArray();
        List<String> values = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                values.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        assertThat(start).as("output ends with a NUL").isEqualTo(out.length);
        return values;
    }

    @Property(tries = 200)
    void shellRefusesNul(@ForAll("textWithoutNul") String before, @ForAll("textWithoutNul") String after) {
        assertThatThrownBy(() -> ShellEscaper.INSTANCE.escape(before + "\0" + after, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Example
    void unpairedSurrogatesAreRefusedByEveryEscaper() {
        for (Escaper escaper : List.of(YamlEscaper.plain(), HclEscaper.INSTANCE, ShellEscaper.INSTANCE)) {
            assertThatThrownBy(() -> escaper.escape("a\uD800b", 0)).as(escaper.getClass().getSimpleName())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
            assertThatThrownBy(() -> escaper.escape("\uDC00", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(escaper.escape("😀", 0)).contains("😀");
        }
    }
}
