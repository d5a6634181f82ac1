package dev.railyard.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.secrets.RandomEncryptionKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Plans, inputs and parsers shared by the renderer tests. */
public final class RenderFixtures {

    public static final String CANARY_PREFIX = "canary-secret-value-";

    private static final PlanFormat FORMAT = new PlanFormat();
    private static final ObjectMapper YAML = new YAMLMapper();
    /** Parsed once: an immutable record, and parsing it per render dominates the property tests' time. */
    private static final Catalog CATALOG = Catalog.bundled();

    private RenderFixtures() {}

    public static Stream<String> exampleNames() {
        return Examples.ALL.stream().map(Examples.Example::name);
    }

    /** The examples that install Gitpod, for tests of Gitpod's files. */
    public static Stream<String> gitpodExampleNames() {
        return exampleNames().filter(n -> example(n).spec().platform() == dev.railyard.engine.plan.Platform.GITPOD);
    }

    /** The examples that install Coder. */
    public static Stream<String> coderExampleNames() {
        return exampleNames().filter(n -> example(n).spec().platform() == dev.railyard.engine.plan.Platform.CODER);
    }

    public static ClusterPlan example(String name) {
        return Examples.load(FORMAT, name);
    }

    public static RenderInput withoutSecrets(ClusterPlan plan) {
        return RenderInput.withoutSecrets(plan, CATALOG);
    }

    /** Secrets "resolved" to recognisable canary values, and real random encryption keys. */
    public static RenderInput withCanarySecrets(ClusterPlan plan) {
        return new RenderInput(plan, CATALOG, Optional.of(new CanarySecrets(new RandomEncryptionKeys())));
    }

    public record CanarySecrets(RandomEncryptionKeys keys) implements SecretValues {
        @Override
        public String value(String ref) {
            return CANARY_PREFIX + ref.replaceAll("[^A-Za-z0-9]", "-");
        }

        @Override
        public String newEncryptionKeyMaterial() {
            return keys.newMaterial();
        }
    }

    public static GeneratedFile file(List<GeneratedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + files.stream().map(GeneratedFile::path).toList()));
    }

    public static List<String> paths(List<GeneratedFile> files) {
        return files.stream().map(GeneratedFile::path).toList();
    }

    public static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
