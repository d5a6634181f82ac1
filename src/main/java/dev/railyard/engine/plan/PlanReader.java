package dev.railyard.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the plan's records straight from the YAML token stream, without jackson-databind: building a
 * data-binding mapper costs the CLI more than everything else {@code railyard generate} does (issue 17).
 * A record's keys are its components, bound through its canonical constructor, so a field added to a
 * record needs nothing here. The rules and messages are databind's as {@link PlanFormat} configured it
 * before: text, whole numbers and booleans are never coerced into each other, an unknown key is
 * reported with the keys allowed there and reading goes on, the first wrong type ends the reading; an
 * empty string counts as no value for a number, a boolean or a list.
 * Unknown keys come out in databind's order: a record's own after the records inside it, unless all its
 * keys were already given (databind then builds it and reports later unknown keys as they come).
 */
final class PlanReader {

    /** The first wrong type (it ends the reading), with what was expected. */
    static final class WrongType extends Exception {
        final PlanLoadException.Error error;

        WrongType(PlanLoadException.Error error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    private final JsonParser p;
    private final List<PlanLoadException.Error> unknown = new ArrayList<>();

    PlanReader(JsonParser parser) {
        this.p = parser;
    }

    /** The unknown keys reported so far, in databind's order. */
    List<PlanLoadException.Error> unknown() {
        return unknown;
    }

    /** Reads the document; {@code null} for an empty one. */
    ClusterPlan read() throws IOException, WrongType {
        if (p.nextToken() == null) return null;
        ClusterPlan plan = (ClusterPlan) value(ClusterPlan.class, "");
        if (p.nextToken() != null) throw wrongType(ClusterPlan.class, "");
        return plan;
    }

    /** The value at the current token, of {@code type}. */
    private Object value(Type type, String path) throws IOException, WrongType {
        JsonToken t = p.currentToken();
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (t == JsonToken.VALUE_NULL) return null;
        if (raw == String.class) {
            if (t == JsonToken.VALUE_STRING) return p.getText();
        } else if (raw == Integer.class) {
            if (t == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
            if (blankString(t)) return null;
        } else if (raw == Boolean.class) {
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) return t == JsonToken.VALUE_TRUE;
            if (blankString(t)) return null;
        } else if (raw == List.class) {
            if (t == JsonToken.START_ARRAY) return list(((ParameterizedType) type).getActualTypeArguments()[0], path);
        } else if (raw.isRecord()) {
            if (t == JsonToken.START_OBJECT) return record(raw, path);
        } else {
            throw new IllegalStateException("a plan holds no " + raw.getName() + " (" + path + ")");
        }
        throw wrongType(raw, path);
    }

    /** Empty or only characters up to U+0020, as databind's {@code _isBlank}. */
    private boolean blankString(JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) return false;
        return p.getText().chars().allMatch(c -> c <= ' ');
    }

    private List<Object> list(Type element, String path) throws IOException, WrongType {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(element, path + "[" + items.size() + "]"));
        }
        return items;
    }

    private Object record(Class<?> type, String path) throws IOException, WrongType {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < components.length; i++) index.put(components[i].getName(), i);
        Object[] args = new Object[components.length];
        int given = 0;
        List<PlanLoadException.Error> pending = new ArrayList<>();
        boolean built = components.length == 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            p.nextToken();
            Integer i = index.get(key);
            if (i == null) {
                String allowed = Arrays.stream(components).map(RecordComponent::getName).sorted().collect(Collectors.joining(", "));
                PlanLoadException.Error error = new PlanLoadException.Error(keyPath, at.getLineNr(), at.getColumnNr(),
                        "unknown key '" + key + "'; allowed here: " + allowed);
                (built ? unknown : pending).add(error);
                p.skipChildren();
                continue;
            }
            args[i] = value(components[i].getGenericType(), keyPath);
            if (++given == components.length) {
                built = true;
                unknown.addAll(pending);
                pending.clear();
            }
        }
        unknown.addAll(pending);
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            JsonLocation at = p.currentTokenLocation();
            throw new WrongType(new PlanLoadException.Error(path, at.getLineNr(), at.getColumnNr(),
                    "Cannot construct instance of `" + type.getName() + "`, problem: " + e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a plan record without its canonical constructor: " + type.getName(), e);
        }
    }

    private WrongType wrongType(Class<?> type, String path) {
        JsonLocation at = p.currentTokenLocation();
        return new WrongType(new PlanLoadException.Error(path, at.getLineNr(), at.getColumnNr(), "expected " + describe(type)));
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "text (quote it if it looks like a number or a boolean)";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }
}
