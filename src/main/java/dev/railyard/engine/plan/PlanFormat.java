package dev.railyard.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code railyard.yaml}. Reading reports every unknown key at once, each with its
 * path, line and column; writing is canonical (fixed key order, no nulls) so a saved plan diffs well
 * and the GUI and the CLI produce the same bytes.
 */
public final class PlanFormat {

    private final ObjectMapper yaml;

    public PlanFormat() {
        YAMLFactory factory = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        YAMLMapper mapper = YAMLMapper.builder(factory)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
        // "yes" for a number or 1 for a string are mistakes in a hand-written plan, not values to guess at.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.yaml = mapper;
    }

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
        List<PlanLoadException.Error> unknown = new ArrayList<>();
        Map<String, int[]> keys = keyPositions(text);
        ObjectReader reader = yaml.readerFor(ClusterPlan.class).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                                 Object beanOrClass, String propertyName) throws IOException {
                // records are built through a token buffer, which has no positions: look the key up
                JsonStreamContext ctx = p.getParsingContext();
                while (ctx != null && !(ctx.inObject() && propertyName.equals(ctx.getCurrentName()))) ctx = ctx.getParent();
                String path = ctx == null ? propertyName : pathOf(ctx);
                Collection<Object> known = deserializer.getKnownPropertyNames();
                String allowed = known == null ? "" : "; allowed here: " + known.stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(", "));
                int[] at = keys.getOrDefault(path, new int[] {0, 0});
                unknown.add(new PlanLoadException.Error(path, at[0], at[1], "unknown key '" + propertyName + "'" + allowed));
                p.skipChildren();
                return true;
            }
        });
        ClusterPlan plan;
        try {
            plan = reader.readValue(text);
        } catch (StreamReadException e) {
            throw new PlanLoadException(source, withUnknown(unknown, notYaml(e)));
        } catch (MismatchedInputException e) {
            throw new PlanLoadException(source, withUnknown(unknown, locate(mismatch(e), keys)));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException cause) {
                throw new PlanLoadException(source, withUnknown(unknown, notYaml(cause)));
            }
            throw new PlanLoadException(source, withUnknown(unknown, locate(error(e.getPath(), e.getLocation(), e.getOriginalMessage()), keys)));
        } catch (JsonProcessingException e) {
            throw new PlanLoadException(source, withUnknown(unknown, new PlanLoadException.Error("", line(e.getLocation()),
                    column(e.getLocation()), "not valid YAML: " + firstLine(e.getOriginalMessage()))));
        }
        if (plan == null) {
            throw new PlanLoadException(source, List.of(new PlanLoadException.Error("", 1, 1, "the file is empty; start from `railyard init --example hetzner-small`")));
        }
        if (!unknown.isEmpty()) {
            throw new PlanLoadException(source, unknown);
        }
        return plan;
    }

    /** The canonical YAML text of a plan. */
    public String write(ClusterPlan plan) {
        try {
            return yaml.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serialises", e);
        }
    }

    /** Saves atomically: a temporary file in the same folder, flushed, then moved over the old one. */
    public void save(ClusterPlan plan, Path file) throws IOException {
        AtomicFiles.write(file, write(plan).getBytes(StandardCharsets.UTF_8), false);
    }

    private void checkApiVersion(String text, String source) throws PlanLoadException {
        try (JsonParser p = yaml.getFactory().createParser(text)) {
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

    /** Where every key of the document is (path to line and column), from one streaming pass. */
    private Map<String, int[]> keyPositions(String text) {
        Map<String, int[]> positions = new HashMap<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    JsonLocation at = p.currentTokenLocation();
                    positions.putIfAbsent(pathOf(p.getParsingContext()), new int[] {at.getLineNr(), at.getColumnNr()});
                }
            }
        } catch (IOException e) {
            // a syntax error is reported by the real read, with its own position
        }
        return positions;
    }

    private static PlanLoadException.Error locate(PlanLoadException.Error error, Map<String, int[]> keys) {
        if (error.line() > 0) return error;
        int[] at = keys.get(error.path());
        return at == null ? error : new PlanLoadException.Error(error.path(), at[0], at[1], error.message());
    }

    private static List<PlanLoadException.Error> withUnknown(List<PlanLoadException.Error> unknown, PlanLoadException.Error last) {
        List<PlanLoadException.Error> all = new ArrayList<>(unknown);
        all.add(last);
        return all;
    }

    private static PlanLoadException.Error mismatch(MismatchedInputException e) {
        String expected = e.getTargetType() == null ? "another kind of value" : describe(e.getTargetType());
        return error(e.getPath(), e.getLocation(), "expected " + expected);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "text (quote it if it looks like a number or a boolean)";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }

    private static PlanLoadException.Error error(List<JsonMappingException.Reference> refs, JsonLocation at, String message) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return new PlanLoadException.Error(path.toString(), line(at), column(at), firstLine(message));
    }

    static String pathOf(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
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
