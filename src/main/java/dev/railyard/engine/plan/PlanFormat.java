package dev.railyard.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code railyard.yaml}. Reading reports every unknown key at once, each with its
 * path, line and column; writing is canonical (fixed key order, no nulls) so a saved plan diffs well
 * and the GUI and the CLI produce the same bytes.
 */
public final class PlanFormat {

    /** Reads YAML as a token stream; the records are bound by {@link PlanReader}, not by jackson-databind. */
    private final YAMLFactory factory = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** Made on the first save: the CLI's commands only read plans, and a mapper costs them more than the rest. */
    private volatile ObjectMapper writer;

    public ClusterPlan read(Path file) throws PlanLoadException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlanLoadException(file.toString(), List.of(new PlanLoadException.Error("", 0, 0,
                    "cannot read the plan file: " + e.getMessage())));
        }
        return read(text, file.toString());
    }

    public ClusterPlan read(String text, String source) throws PlanLoadException {
        checkApiVersion(text, source);
        ClusterPlan plan;
        PlanReader reader = null;
        try (JsonParser p = factory.createParser(text)) {
            reader = new PlanReader(p);
            plan = reader.read();
        } catch (PlanReader.WrongType e) {
            throw new PlanLoadException(source, withUnknown(reader.unknown(), e.error));
        } catch (StreamReadException e) {
            throw new PlanLoadException(source, withUnknown(reader == null ? List.of() : reader.unknown(), notYaml(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (plan == null) {
            throw new PlanLoadException(source, List.of(new PlanLoadException.Error("", 1, 1, "the file is empty; start from `railyard init --example hetzner-small`")));
        }
        if (!reader.unknown().isEmpty()) {
            throw new PlanLoadException(source, reader.unknown());
        }
        return plan;
    }

    /** The canonical YAML text of a plan. */
    public String write(ClusterPlan plan) {
        try {
            return writer().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serialises", e);
        }
    }

    private ObjectMapper writer() {
        ObjectMapper mapper = writer;
        if (mapper == null) {
            YAMLFactory yaml = YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build();
            mapper = YAMLMapper.builder(yaml).disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
            writer = mapper;
        }
        return mapper;
    }

    /** Saves atomically: a temporary file in the same folder, flushed, then moved over the old one. */
    public void save(ClusterPlan plan, Path file) throws IOException {
        AtomicFiles.write(file, write(plan).getBytes(StandardCharsets.UTF_8), false);
    }

    private void checkApiVersion(String text, String source) throws PlanLoadException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                JsonLocation at = p.currentTokenLocation();
                throw new PlanLoadException(source, List.of(new PlanLoadException.Error("", line(at), column(at),
                        "a plan is a YAML mapping that starts with `apiVersion: " + ClusterPlan.API_VERSION + "`")));
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("apiVersion".equals(field) || "schemaVersion".equals(field)) {
                    String value = p.currentToken().isScalarValue() ? p.getText() : "";
                    JsonLocation at = p.currentTokenLocation();
                    if ("schemaVersion".equals(field)) {
                        throw new PlanLoadException(source, List.of(new PlanLoadException.Error(field, line(at), column(at),
                                "Railyard plans are versioned with `apiVersion`, not `schemaVersion`; replace it with `apiVersion: "
                                        + ClusterPlan.API_VERSION + "`")));
                    }
                    if (!ClusterPlan.API_VERSION.equals(value)) {
                        String what = value.startsWith("railyard.dev/")
                                ? "this plan was written for " + value + ", and this Railyard reads " + ClusterPlan.API_VERSION
                                + "; install the Railyard release that matches the plan, or re-create it with `railyard init`"
                                : "expected `apiVersion: " + ClusterPlan.API_VERSION + "`, found '" + value + "'";
                        throw new PlanLoadException(source, List.of(new PlanLoadException.Error(field, line(at), column(at), what)));
                    }
                    return;
                }
                p.skipChildren();
            }
            throw new PlanLoadException(source, List.of(new PlanLoadException.Error("apiVersion", 1, 1,
                    "missing `apiVersion: " + ClusterPlan.API_VERSION + "` at the top of the plan")));
        } catch (JsonProcessingException e) {
            throw new PlanLoadException(source, List.of(new PlanLoadException.Error("", line(e.getLocation()), column(e.getLocation()),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PlanLoadException.Error notYaml(StreamReadException e) {
        return new PlanLoadException.Error("", line(e.getLocation()), column(e.getLocation()),
                "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private static List<PlanLoadException.Error> withUnknown(List<PlanLoadException.Error> unknown, PlanLoadException.Error last) {
        List<PlanLoadException.Error> all = new ArrayList<>(unknown);
        all.add(last);
        return all;
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : at.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
