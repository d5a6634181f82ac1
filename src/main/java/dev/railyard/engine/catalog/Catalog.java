package dev.railyard.engine.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Providers, locations, server types and prices as data with a date. Server types are matched to a
 * location through the data, never by name patterns: clouds rename and retire types.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalog(String date, String note, Map<String, ProviderCatalog> providers) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProviderCatalog(String currency, String priceSource, Priced loadBalancer,
                                  List<Location> locations, List<ServerType> serverTypes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Priced(String name, double monthly) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Location(String name, String description, String country, String networkZone) {}

    /** {@code retired} is the day after which a type can no longer be ordered; {@code successor} replaces it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServerType(String name, int cores, double memoryGb, int diskGb, String architecture,
                             double monthly, List<String> locations, String retired, String successor, String note) {
        public ServerType {
            locations = locations == null ? List.of() : List.copyOf(locations);
        }

        public boolean offeredIn(String location) {
            return retired == null && locations.contains(location);
        }

        public String summary() {
            return name + " (" + cores + " vCPU, " + (int) memoryGb + " GB)";
        }
    }

    /** The catalog that ships inside Railyard (works offline). */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getResourceAsStream("/catalog/catalog.json")) {
            if (in == null) throw new IllegalStateException("catalog.json missing from the build");
            try (JsonParser p = new JsonFactory().createParser(in)) {
                return Reader.catalog(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Binds the catalog from jackson-core's token stream into plain maps and lists, then into the
     * records: a databind mapper would cost every CLI command more start-up than the rest of its work
     * (issue 17). Keys the records do not have are ignored, as {@code @JsonIgnoreProperties} says for
     * readers of a newer catalog; a missing number is 0.
     */
    private static final class Reader {

        static Catalog catalog(JsonParser p) throws IOException {
            p.nextToken();
            Map<String, Object> root = object(value(p));
            Map<String, ProviderCatalog> providers = new LinkedHashMap<>();
            object(root.get("providers")).forEach((name, provider) -> providers.put(name, provider(object(provider))));
            return new Catalog(text(root.get("date")), text(root.get("note")), providers);
        }

        private static ProviderCatalog provider(Map<String, Object> m) {
            Map<String, Object> lb = object(m.get("loadBalancer"));
            return new ProviderCatalog(text(m.get("currency")), text(m.get("priceSource")),
                    lb == null ? null : new Priced(text(lb.get("name")), number(lb.get("monthly")).doubleValue()),
                    list(m.get("locations"), l -> new Location(text(l.get("name")), text(l.get("description")),
                            text(l.get("country")), text(l.get("networkZone")))),
                    list(m.get("serverTypes"), t -> new ServerType(text(t.get("name")), number(t.get("cores")).intValue(),
                            number(t.get("memoryGb")).doubleValue(), number(t.get("diskGb")).intValue(), text(t.get("architecture")),
                            number(t.get("monthly")).doubleValue(), texts(t.get("locations")), text(t.get("retired")),
                            text(t.get("successor")), text(t.get("note")))));
        }

        /** The JSON value at the current token as maps, lists, strings, numbers, booleans and nulls. */
        private static Object value(JsonParser p) throws IOException {
            switch (p.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        map.put(key, value(p));
                    }
                    return map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) list.add(value(p));
                    return list;
                }
                case VALUE_STRING -> { return p.getText(); }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> { return p.getNumberValue(); }
                case VALUE_TRUE, VALUE_FALSE -> { return p.getBooleanValue(); }
                case VALUE_NULL -> { return null; }
                default -> throw new IOException("catalog.json: unexpected " + p.currentToken() + " at " + p.currentLocation());
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> object(Object value) {
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> list(Object value, java.util.function.Function<Map<String, Object>, T> item) {
            return value == null ? null : ((List<Object>) value).stream().map(v -> item.apply(object(v))).toList();
        }

        @SuppressWarnings("unchecked")
        private static List<String> texts(Object value) {
            return value == null ? null : ((List<Object>) value).stream().map(Reader::text).toList();
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        private static Number number(Object value) {
            return value == null ? 0 : (Number) value;
        }
    }

    public Optional<ProviderCatalog> provider(String type) {
        return Optional.ofNullable(providers.get(type));
    }

    public Optional<Location> location(String provider, String location) {
        return provider(provider).flatMap(p -> p.locations().stream().filter(l -> l.name().equals(location)).findFirst());
    }

    public Optional<ServerType> serverType(String provider, String name) {
        return provider(provider).flatMap(p -> p.serverTypes().stream().filter(t -> t.name().equals(name)).findFirst());
    }

    /** Types that can be ordered in a location today, cheapest first. */
    public List<ServerType> offeredTypes(String provider, String location) {
        return provider(provider).map(p -> p.serverTypes().stream().filter(t -> t.offeredIn(location))
                .sorted(java.util.Comparator.comparingDouble(ServerType::monthly)).toList()).orElse(List.of());
    }
}
