package dev.railyard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.validate.Problem;
import dev.railyard.testsupport.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile text in any string field of a plan either fails validation naming that field, or is
 * escaped so well that every generated file keeps its structure: the same documents, keys and list
 * lengths (YAML, JSON), the same blocks and attributes (HCL), and scripts that still parse.
 */
class HostilePlanValuesProperties {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlanFormat FORMAT = new PlanFormat();
    private static final Generator GENERATOR = Generator.standard(Catalog.bundled());
    private static final String[] EXAMPLES = Examples.ALL.stream().map(Examples.Example::name).toArray(String[]::new);

    /** Terraform files of accepted hostile plans, checked in one run of the HCL parser at the end. */
    private static final List<Map<String, String>> HCL_CASES = new ArrayList<>();
    private static final Map<String, Map<String, String>> BASELINE_HCL = new TreeMap<>();

    record Case(String example, String path, String value) {}

    @Provide
    Arbitrary<Case> hostileFieldValues() {
        Arbitrary<String> example = Arbitraries.of(EXAMPLES);
        return example.flatMap(name -> {
            List<String> paths = stringLeaves(tree(name));
            return Combinators.combine(Arbitraries.just(name), Arbitraries.of(paths), hostile()).as(Case::new);
        });
    }

    static Arbitrary<String> hostile() {
        Arbitrary<String> fragments = Arbitraries.of("\n", "\r\n", "\"", "'", "${x}", "$(id)", "`id`", "#", ": ", "- ", "&a", "*a",
                "!!str", "|", ">", "%{ if }", "@", "\\", "\u2028", "\u202e", "\u0000", "\t", " ", "{", "}", "[", "]", ",", "?",
                "yes", "null", "~", "0o17", "EOF", "<<EOF", ";", "&&", "|| true", "\uD83D\uDE80", "é", "--", "=", "a", "example.com");
        Arbitrary<String> joined = fragments.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
        return Arbitraries.oneOf(joined, Arbitraries.strings().all().ofMaxLength(12), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20));
    }

    @Property(tries = 1500)
    void hostileTextIsRejectedForItsFieldOrCannotChangeAnyGeneratedFilesStructure(@ForAll("hostileFieldValues") Case c) throws Exception {
        ObjectNode tree = tree(c.example());
        set(tree, c.path(), c.value());
        ClusterPlan plan;
        try {
            plan = FORMAT.read(YAML.writeValueAsString(tree), "hostile");
        } catch (PlanLoadException e) {
            return; // not even a plan: refused at load time with its position
        }
        List<Problem> problems = GENERATOR.validate(plan);
        if (problems.stream().anyMatch(Problem::isError)) {
            assertThat(problems).filteredOn(Problem::isError)
                    .as("a hostile value at %s must be reported at that path", c.path())
                    .anyMatch(p -> p.path().equals(c.path()) || p.path().startsWith(c.path() + ".")
                            || p.path().startsWith(c.path() + "[") || c.path().startsWith(p.path() + "["));
            return;
        }
        Map<String, String> baseline = files(Examples.load(FORMAT, c.example()));
        Map<String, String> hostile = underBaselineHostScriptNames(files(plan), Examples.load(FORMAT, c.example()), plan);
        assertThat(hostile.keySet()).as("same files for %s", c).isEqualTo(baseline.keySet());
        Map<String, String> hcl = new TreeMap<>();
        for (var e : hostile.entrySet()) {
            String path = e.getKey();
            if (path.endsWith(".yaml") || path.endsWith(".yml")) {
                assertThat(yamlShape(e.getValue())).as("%s keeps its structure for %s", path, c).isEqualTo(yamlShape(baseline.get(path)));
            } else if (path.endsWith(".hujson") || path.endsWith(".json")) {
                assertThat(shape(JSON.readTree(stripHujson(e.getValue())))).as("%s for %s", path, c)
                        .isEqualTo(shape(JSON.readTree(stripHujson(baseline.get(path)))));
            } else if (path.endsWith(".tf")) {
                hcl.put(path, e.getValue());
            }
        }
        if (!hcl.isEmpty()) {
            synchronized (HCL_CASES) {
                BASELINE_HCL.putIfAbsent(c.example(), onlyTf(baseline));
                if (HCL_CASES.size() < 150) HCL_CASES.add(hcl);
            }
        }
    }

    @AfterContainer
    static void everyAcceptedHostileTerraformFileParsesWithTheSameStructure() throws Exception {
        if (HCL_CASES.isEmpty()) return;
        Path dir = Files.createTempDirectory("hostile-hcl");
        List<Path> all = new ArrayList<>();
        int n = 0;
        for (Map<String, String> files : HCL_CASES) {
            for (var f : files.entrySet()) {
                Path p = dir.resolve("case" + n + "-" + f.getKey().replace('/', '_'));
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                all.add(p);
            }
            n++;
        }
        ExternalTools.Result r = ExternalTools.hclParse(all);
        assertThat(r.exitCode()).as("HCL parser on %d hostile Terraform files: %s", all.size(), r.stderr()).isZero();
    }

    private static Map<String, String> onlyTf(Map<String, String> files) {
        Map<String, String> tf = new TreeMap<>();
        files.forEach((k, v) -> { if (k.endsWith(".tf")) tf.put(k, v); });
        return tf;
    }

    /**
     * An existing host's install script is named after the host (existing/NAME.sh): a valid new name
     * renames the file without changing the tree's structure, so compare it under the baseline name.
     */
    private static Map<String, String> underBaselineHostScriptNames(Map<String, String> files, ClusterPlan baseline, ClusterPlan plan) {
        if (!plan.spec().provider().isExisting() || !baseline.spec().provider().isExisting()) return files;
        var before = baseline.spec().provider().existing().hosts();
        var after = plan.spec().provider().existing().hosts();
        Map<String, String> out = new TreeMap<>(files);
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            String renamed = "existing/" + after.get(i).name() + ".sh";
            String original = "existing/" + before.get(i).name() + ".sh";
            if (!renamed.equals(original) && out.containsKey(renamed) && !out.containsKey(original)) {
                out.put(original, out.remove(renamed));
            }
        }
        return out;
    }

    private static Map<String, String> files(ClusterPlan plan) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : GENERATOR.generate(plan, Optional.empty())) out.put(f.path(), f.content());
        return out;
    }

    static ObjectNode tree(String example) {
        try {
            return (ObjectNode) YAML.readTree(Examples.text(example));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> stringLeaves(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (path.isEmpty() && (e.getKey().equals("apiVersion") || e.getKey().equals("kind"))) continue;
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collect(node.get(i), path + "[" + i + "]", out);
        } else if (node.isTextual()) {
            out.add(path);
        }
    }

    static void set(ObjectNode root, String path, String value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            boolean last = i == parts.length - 1;
            if (bracket < 0) {
                if (last) ((ObjectNode) node).put(key, value);
                else node = node.get(key);
            } else {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                ArrayNode array = (ArrayNode) node.get(key);
                if (last) array.set(index, JSON.getNodeFactory().textNode(value));
                else node = array.get(index);
            }
        }
    }

    /** The structure of every YAML document in a file: keys, list lengths and scalar types, not values. */
    static List<String> yamlShape(String text) throws Exception {
        List<String> shapes = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(text)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) shapes.add(shape(docs.next()));
        }
        return shapes;
    }

    static String shape(JsonNode node) {
        if (node == null) return "null";
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                sb.append(e.getKey()).append(':').append(shape(e.getValue())).append(',');
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(n -> sb.append(shape(n)).append(','));
            return sb.append(']').toString();
        }
        return node.getNodeType().toString();
    }

    /** HuJSON to JSON: drop comments and trailing commas (strings never contain // in our files' keys). */
    static String stripHujson(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) out.append(text.charAt(++i));
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
                out.append('\n');
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                i = text.indexOf("*/", i + 2) + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString().replaceAll(",(\\s*[}\\]])", "$1");
    }
}
