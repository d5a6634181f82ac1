package dev.railyard.engine.render.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.testsupport.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Terraform Railyard renders for one plan, written to a folder and read back through HashiCorp's HCL parser,
 * so that tests assert on what Terraform will see rather than on text.
 */
final class RenderedTerraform {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOCAL_REF = Pattern.compile("\\$\\{local\\.([a-z0-9_]+)}");

    final List<GeneratedFile> files;
    final Path dir;
    /** Parsed JSON of each .tf file, by file name (main.tf, variables.tf, ...). */
    final Map<String, JsonNode> parsed;

    private RenderedTerraform(List<GeneratedFile> files, Path dir, Map<String, JsonNode> parsed) {
        this.files = files;
        this.dir = dir;
        this.parsed = parsed;
    }

    static List<GeneratedFile> renderFiles(ClusterPlan plan) {
        return new TerraformRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled()));
    }

    static RenderedTerraform of(ClusterPlan plan, Path tempDir) {
        List<GeneratedFile> files = renderFiles(plan);
        try {
            List<Path> tf = new ArrayList<>();
            for (GeneratedFile f : files) {
                Path p = tempDir.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
                if (p.getFileName().toString().endsWith(".tf")) tf.add(p);
            }
            ExternalTools.Result r = ExternalTools.hclParse(tf);
            assertThat(r.exitCode()).as("HCL parser on %s:%n%s", tf, r.both()).isZero();
            JsonNode all = JSON.readTree(r.stdout());
            Map<String, JsonNode> parsed = new TreeMap<>();
            all.properties().forEach(e -> parsed.put(Path.of(e.getKey()).getFileName().toString(), e.getValue()));
            return new RenderedTerraform(files, tempDir.resolve("terraform"), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<GeneratedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    String text(String path) {
        return file(path).orElseThrow(() -> new AssertionError("not rendered: " + path)).content();
    }

    JsonNode main() {
        return parsed.get("main.tf");
    }

    /** Every block of a resource type and name, e.g. {@code resource("hcloud_server", "manager")}; missing: empty. */
    JsonNode resource(String type, String name) {
        JsonNode node = main().path("resource").path(type).path(name);
        return node.isMissingNode() ? JSON.createArrayNode() : node.get(0);
    }

    boolean hasResource(String type, String name) {
        return !main().path("resource").path(type).path(name).isMissingNode();
    }

    /** Names of every resource of one type. */
    List<String> resourceNames(String type) {
        List<String> names = new ArrayList<>();
        main().path("resource").path(type).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A local value from any locals block of main.tf. */
    JsonNode local(String name) {
        for (JsonNode block : main().path("locals")) {
            if (block.has(name)) return block.get(name);
        }
        throw new AssertionError("main.tf defines no local '" + name + "'");
    }

    /** The value itself when it is a plain {@code ${local.x}} reference, else the expression as parsed. */
    JsonNode resolve(JsonNode value) {
        if (value != null && value.isTextual()) {
            Matcher m = LOCAL_REF.matcher(value.asText());
            if (m.matches()) return resolve(local(m.group(1)));
        }
        return value;
    }

    JsonNode variable(String name) {
        JsonNode v = parsed.get("variables.tf").path("variable").path(name);
        if (v.isMissingNode()) throw new AssertionError("variables.tf declares no variable '" + name + "'");
        return v.get(0);
    }

    boolean hasVariable(String name) {
        return !parsed.get("variables.tf").path("variable").path(name).isMissingNode();
    }

    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        parsed.get("variables.tf").path("variable").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode output(String name) {
        JsonNode v = parsed.get("outputs.tf").path("output").path(name);
        if (v.isMissingNode()) throw new AssertionError("outputs.tf declares no output '" + name + "'");
        return v.get(0);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
