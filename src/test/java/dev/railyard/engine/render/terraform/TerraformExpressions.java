package dev.railyard.engine.render.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of Terraform expressions the tests care about (the HCL parser leaves expressions as source text). */
final class TerraformExpressions {

    /** One {@code templatefile(path, { k = v, ... })} call. */
    record TemplatefileCall(String path, Set<String> variables) {}

    private static final Pattern TEMPLATEFILE = Pattern.compile("templatefile\\(\"([^\"]+)\",\\s*\\{([^}]*)}\\)");
    private static final Pattern MAP_KEY = Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    private static final Pattern TF_PLACEHOLDER = Pattern.compile("\\$\\{jsonencode\\(([a-z_]+)\\)}");
    private static final YAMLMapper YAML = new YAMLMapper();

    private TerraformExpressions() {}

    static List<TemplatefileCall> templatefileCalls(String expression) {
        List<TemplatefileCall> calls = new ArrayList<>();
        Matcher m = TEMPLATEFILE.matcher(expression);
        while (m.find()) {
            Set<String> keys = new LinkedHashSet<>();
            Matcher k = MAP_KEY.matcher(m.group(2));
            while (k.find()) keys.add(k.group(1));
            calls.add(new TemplatefileCall(m.group(1), keys));
        }
        return calls;
    }

    static TemplatefileCall onlyTemplatefileCall(JsonNode expression) {
        List<TemplatefileCall> calls = templatefileCalls(expression.asText());
        assertThat(calls).as("templatefile calls in %s", expression).hasSize(1);
        return calls.get(0);
    }

    /** The template variables a .tftpl uses; every placeholder must be {@code ${jsonencode(name)}}. */
    static Set<String> placeholders(String tftpl) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TF_PLACEHOLDER.matcher(tftpl);
        while (m.find()) names.add(m.group(1));
        assertThat(TF_PLACEHOLDER.matcher(tftpl).replaceAll("")).as("interpolations other than ${jsonencode(var)}")
                .doesNotContain("${").doesNotContain("%{");
        return names;
    }

    /** The YAML documents of a .tftpl, each Terraform placeholder replaced by the string "tf:<name>". */
    static List<JsonNode> yamlDocuments(String tftpl) {
        String plain = TF_PLACEHOLDER.matcher(tftpl).replaceAll("\"tf:$1\"");
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(plain)) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) docs.add(doc);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode document(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifest"));
    }
}
