package dev.railyard.engine.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
            return new ObjectMapper().readValue(in, Catalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
