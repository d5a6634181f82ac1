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
import dev.railyard.testsupport.Scratch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile text in any string field of a plan either fails validation naming that field, or is
 * escaped so well that every generated file keeps its structure: the same documents, keys and list
 * lengths (YAML, JSON), the same blocks and attributes as the example's own files by HashiCorp's HCL
 * parser (Terraform), the same interpolations and YAML shape ({@code .tftpl} templates), and scripts
 * with the same words and operators that still pass {@code bash -n}. Accepted values must reach each
 * format often enough ({@link #MINIMUM_REACHED}) for these checks to mean something.
 */
class HostilePlanValuesProperties {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlanFormat FORMAT = new PlanFormat();
    private static final Generator GENERATOR = Generator.standard(Catalog.bundled());
    private static final String[] EXAMPLES = Examples.ALL.stream().map(Examples.Example::name).toArray(String[]::new);

    /** Terraform files of accepted hostile plans, with their example's name, parsed in one run of the HCL parser at the end. */
    private static final List<HclCase> HCL_CASES = new ArrayList<>();
    /** The examples' own Terraform files, parsed in the same run: what the hostile ones are compared against. */
    private static final Map<String, Map<String, String>> BASELINE_HCL = new TreeMap<>();
    /** Scripts of accepted hostile plans, each run through {@code bash -n} at the end. */
    private static final List<String> SCRIPTS = new ArrayList<>();
    private static final int MAX_BATCHED = 150;

    /**
     * How many accepted hostile values reached a file of each format (changed it): the structure checks
     * must have had work to do, not only rejected plans. The minimums are well under what a run of 1500
     * tries reaches (2026-12-03: yaml 134, hcl 195, sh 20, hujson 15, tftpl 4; .tftpl is reached so
     * rarely, since names enter it as templatefile() variables, that it has no minimum).
     */
    private static final Map<String, Integer> REACHED = new TreeMap<>();
    static final Map<String, Integer> MINIMUM_REACHED = Map.of("yaml", 50, "hcl", 60, "sh", 8, "hujson", 5);

    record Case(String example, String path, String value) {}

    record HclCase(String example, Map<String, String> files) {}

    @Provide
    Arbitrary<Case> hostileFieldValues() {
        // the only example with scripts (existing/*.sh) and a Tailscale policy (.hujson) is picked more often
        Arbitrary<String> example = Arbitraries.frequencyOf(java.util.Arrays.stream(EXAMPLES)
                .map(e -> Tuple.of(e.startsWith("existing") ? 4 : 1, Arbitraries.just(e))).toArray(Tuple.Tuple2[]::new));
        return example.flatMap(name -> {
            List<String> paths = stringLeaves(tree(name));
            // free-text fields take almost anything: aim there often, or nearly every value is refused and
            // the structure checks below never run
            List<String> freeText = paths.stream().filter(p -> FREE_TEXT.contains(p.replaceAll("\\[\\d+]", "[]"))).toList();
            // and at the fields that reach the scripts and the Tailscale policy, which only one example has
            List<String> scriptsAndPolicy = paths.stream()
                    .filter(p -> p.startsWith("spec.provider.existing.") || p.startsWith("spec.network.tailscale.")).toList();
            List<String> aimed = java.util.stream.Stream.concat(freeText.stream(), scriptsAndPolicy.stream()).toList();
            Arbitrary<String> path = aimed.isEmpty() ? Arbitraries.of(paths)
                    : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(paths)), Tuple.of(2, Arbitraries.of(aimed)));
            Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(3, hostile()), Tuple.of(2, hostileButWellFormed()));
            return Combinators.combine(Arbitraries.just(name), path, value).as(Case::new);
        });
    }

    /** The plan's free-text fields (as in TextSafetyRules): only the escapers stand between them and a file. */
    static final java.util.Set<String> FREE_TEXT = java.util.Set.of(
            "spec.sshKey.publicKeyFile", "spec.gitpod.database.username", "spec.gitpod.registry.username");

    /** Text that passes the strict grammar of most fields yet means something else to YAML, HCL or a shell. */
    static Arbitrary<String> hostileButWellFormed() {
        Arbitrary<String> joined = Arbitraries.of("null", "yes", "no", "~", "0o17", "1e3", "0x1F", "007", "true", "-", "--", "@", ":",
                        ".", "..", "/", "//", "+", "_", "EOF", "a", "example.com", "x-1", "on")
                .list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
        // whole words that are valid host names, user names and Tailscale tags, yet are YAML booleans, nulls or numbers
        Arbitrary<String> words = Arbitraries.of("null", "yes", "no", "on", "off", "true", "y", "n", "007", "0o17", "1e3", "nan",
                "inf", "x-1", "eof", "tag:null", "tag:yes", "tag:on", "tag:007", "group:null", "autogroup:yes");
        return Arbitraries.oneOf(joined, words);
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
        // a value may become a key (a Tailscale tag owns itself in tagOwners): compare keys as the example's
        String original = get(tree(c.example()), c.path());
        java.util.function.UnaryOperator<String> asInExample = key -> key.equals(c.value()) ? original : key;
        Map<String, String> hcl = new TreeMap<>();
        java.util.Set<String> reached = new java.util.TreeSet<>();
        for (var e : hostile.entrySet()) {
            String path = e.getKey();
            String before = baseline.get(path);
            boolean changed = !e.getValue().equals(before);
            if (path.endsWith(".yaml") || path.endsWith(".yml")) {
                assertThat(yamlShape(e.getValue(), asInExample)).as("%s keeps its structure for %s", path, c).isEqualTo(yamlShape(before));
                if (changed) reached.add("yaml");
            } else if (path.endsWith(".hujson") || path.endsWith(".json")) {
                assertThat(shape(JSON.readTree(stripHujson(e.getValue())), asInExample)).as("%s for %s", path, c)
                        .isEqualTo(shape(JSON.readTree(stripHujson(before))));
                if (changed) reached.add("hujson");
            } else if (path.endsWith(".tf")) {
                hcl.put(path, e.getValue());
                if (changed) reached.add("hcl");
            } else if (path.endsWith(".sh")) {
                assertThat(shellSkeleton(e.getValue())).as("%s keeps its words, operators and heredocs for %s", path, c)
                        .isEqualTo(shellSkeleton(before));
                if (changed) {
                    reached.add("sh");
                    synchronized (SCRIPTS) {
                        if (SCRIPTS.size() < MAX_BATCHED) SCRIPTS.add(e.getValue());
                    }
                }
            } else if (path.endsWith(".tftpl")) {
                // no plan text lands here today (names reach it as templatefile() variables), so it is never
                // counted as reached; should one ever land, its interpolations and YAML shape must hold
                assertThat(templateDirectives(e.getValue())).as("%s: the same ${...} and %%{...} as the example, for %s", path, c)
                        .isEqualTo(templateDirectives(before));
                assertThat(yamlShape(filledTemplate(e.getValue()))).as("%s as templatefile() fills it, for %s", path, c)
                        .isEqualTo(yamlShape(filledTemplate(before)));
                if (changed) reached.add("tftpl");
            }
        }
        synchronized (REACHED) {
            reached.forEach(f -> REACHED.merge(f, 1, Integer::sum));
            if (!hcl.isEmpty()) {
                BASELINE_HCL.putIfAbsent(c.example(), onlyTf(baseline));
                if (HCL_CASES.size() < MAX_BATCHED && reached.contains("hcl")) HCL_CASES.add(new HclCase(c.example(), hcl));
            }
        }
    }

    @AfterContainer
    static void enoughAcceptedHostileValuesReachedEachFormat() {
        System.err.println("HostilePlanValuesProperties: accepted hostile values that changed a file, per format: " + REACHED
                + " (minimums " + new TreeMap<>(MINIMUM_REACHED) + ")");
        MINIMUM_REACHED.forEach((format, min) -> assertThat(REACHED.getOrDefault(format, 0))
                .as("accepted hostile values that reached a .%s file (the structure checks ran on them)", format)
                .isGreaterThanOrEqualTo(min));
    }

    @AfterContainer
    static void everyAcceptedHostileTerraformFileParsesWithTheExamplesStructure() throws Exception {
        assertThat(HCL_CASES).as("hostile values that reached a Terraform file").isNotEmpty();
        try (Scratch scratch = Scratch.create("hostile-hcl")) {
            Path dir = scratch.dir();
            List<Path> all = new ArrayList<>();
            Map<Path, Path> baselineOf = new java.util.HashMap<>();
            Map<String, Path> baselineFiles = new TreeMap<>();
            for (var example : BASELINE_HCL.entrySet()) {
                for (var f : example.getValue().entrySet()) {
                    Path p = dir.resolve("baseline-" + example.getKey() + "-" + f.getKey().replace('/', '_'));
                    Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                    all.add(p);
                    baselineFiles.put(example.getKey() + "/" + f.getKey(), p);
                }
            }
            int n = 0;
            for (HclCase c : HCL_CASES) {
                for (var f : c.files().entrySet()) {
                    Path p = dir.resolve("case" + n + "-" + f.getKey().replace('/', '_'));
                    Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                    all.add(p);
                    baselineOf.put(p, baselineFiles.get(c.example() + "/" + f.getKey()));
                }
                n++;
            }
            ExternalTools.Result r = ExternalTools.hclParse(all);
            assertThat(r.exitCode()).as("HCL parser on %d hostile Terraform files: %s", all.size(), r.stderr()).isZero();
            JsonNode parsed = JSON.readTree(r.stdout());
            for (var e : baselineOf.entrySet()) {
                JsonNode hostile = parsed.get(e.getKey().toString());
                JsonNode baseline = parsed.get(e.getValue().toString());
                assertThat(hostile).as("parser output for %s", e.getKey()).isNotNull();
                assertThat(baseline).as("parser output for %s", e.getValue()).isNotNull();
                assertThat(shape(hostile)).as("%s has the blocks and attributes of %s", e.getKey().getFileName(), e.getValue().getFileName())
                        .isEqualTo(shape(baseline));
            }
        }
    }

    @AfterContainer
    static void everyAcceptedHostileScriptParses() throws Exception {
        try (Scratch scratch = Scratch.create("hostile-sh")) {
            Path dir = scratch.dir();
            for (int i = 0; i < SCRIPTS.size(); i++) {
                Path script = Files.writeString(dir.resolve("case" + i + ".sh"), SCRIPTS.get(i), StandardCharsets.UTF_8);
                ExternalTools.Result r = ExternalTools.bashSyntax(script);
                assertThat(r.exitCode()).as("bash -n %s:%n%s%n%s", script, r.stderr(), SCRIPTS.get(i)).isZero();
            }
        }
    }

    /**
     * A script reduced to what a value must not change: one {@code W} per shell word (whatever its
     * quoting), every operator, every line break, and heredocs with their delimiter but not their body.
     */
    static String shellSkeleton(String script) {
        StringBuilder out = new StringBuilder();
        List<String> heredocs = new ArrayList<>();
        boolean inWord = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\\' && i + 1 < n && script.charAt(i + 1) == '\n') {
                i += 2; // line continuation
                inWord = false;
                continue;
            }
            if (c == '#' && !inWord) {
                while (i < n && script.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '\n') {
                out.append('\n');
                i++;
                inWord = false;
                for (String delimiter : heredocs) {
                    boolean stripTabs = delimiter.startsWith("-");
                    String word = stripTabs ? delimiter.substring(1) : delimiter;
                    while (i < n) {
                        int end = script.indexOf('\n', i);
                        String line = script.substring(i, end < 0 ? n : end);
                        i = end < 0 ? n : end + 1;
                        if ((stripTabs ? line.replaceFirst("^\t+", "") : line).equals(word)) break;
                    }
                    out.append("<body>").append(word).append('\n');
                }
                heredocs.clear();
                continue;
            }
            if (c == ' ' || c == '\t') {
                i++;
                inWord = false;
                continue;
            }
            if (script.startsWith("<<", i) && !script.startsWith("<<<", i)) {
                i += 2;
                boolean stripTabs = i < n && script.charAt(i) == '-';
                if (stripTabs) i++;
                while (i < n && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) i++;
                StringBuilder word = new StringBuilder();
                while (i < n && " \t\n;&|<>()".indexOf(script.charAt(i)) < 0) {
                    char w = script.charAt(i++);
                    if (w != '\'' && w != '"') word.append(w);
                }
                heredocs.add((stripTabs ? "-" : "") + word);
                out.append("<<").append(word).append(' ');
                inWord = false;
                continue;
            }
            if (";&|<>()".indexOf(c) >= 0) {
                out.append(c);
                i++;
                inWord = false;
                continue;
            }
            // a word: bare characters, quoted parts and escapes, up to the next blank or operator
            if (!inWord) out.append("W ");
            inWord = true;
            if (c == '\'') {
                int end = script.indexOf('\'', i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '$' && i + 1 < n && script.charAt(i + 1) == '\'') {
                i += 2;
                while (i < n && script.charAt(i) != '\'') i += script.charAt(i) == '\\' ? 2 : 1;
                i++;
            } else if (c == '"') {
                i++;
                while (i < n && script.charAt(i) != '"') i += script.charAt(i) == '\\' ? 2 : 1;
                i++;
            } else if (c == '\\') {
                i += 2;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern TEMPLATE_SEQUENCE = java.util.regex.Pattern.compile("([$%])\\1\\{|[$%]\\{[^}]*}");

    /** The interpolations and directives of a Terraform template, in order ({@code $${} and {@code %%{} are text). */
    static List<String> templateDirectives(String template) {
        List<String> out = new ArrayList<>();
        var m = TEMPLATE_SEQUENCE.matcher(template);
        while (m.find()) if (m.group(1) == null) out.add(m.group());
        return out;
    }

    /** The template as templatefile() leaves it, with every interpolation filled by the same plain value. */
    static String filledTemplate(String template) {
        var m = TEMPLATE_SEQUENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, m.group(1) != null ? java.util.regex.Matcher.quoteReplacement(m.group(1) + "{") : "filled");
        m.appendTail(out);
        return out.toString();
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
            for (Map.Entry<String, JsonNode> e : node.properties()) {
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
        return yamlShape(text, java.util.function.UnaryOperator.identity());
    }

    static List<String> yamlShape(String text, java.util.function.UnaryOperator<String> keys) throws Exception {
        List<String> shapes = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(text)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) shapes.add(shape(docs.next(), keys));
        }
        return shapes;
    }

    static String shape(JsonNode node) {
        return shape(node, java.util.function.UnaryOperator.identity());
    }

    /** Keys (through {@code keys}), list lengths and scalar types. */
    static String shape(JsonNode node, java.util.function.UnaryOperator<String> keys) {
        if (node == null) return "null";
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(keys.apply(e.getKey())).append(':').append(shape(e.getValue(), keys)).append(',');
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(n -> sb.append(shape(n, keys)).append(','));
            return sb.append(']').toString();
        }
        return node.getNodeType().toString();
    }

    /** The text at a path such as {@code spec.provider.existing.hosts[0].name}. */
    static String get(ObjectNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            node = node.get(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) node = node.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
        }
        return node.asText();
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
