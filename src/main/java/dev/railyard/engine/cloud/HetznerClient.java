package dev.railyard.engine.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hetzner Cloud "Test connection": lists locations and server types with the token and reports the
 * types that can be ordered in the chosen location. Types are filtered by the API's
 * {@code locations[].available} and {@code deprecation}, never by name. The base URL is a parameter so
 * tests answer from a local server.
 */
public final class HetznerClient {

    public static final URI DEFAULT_BASE = URI.create("https://api.hetzner.cloud");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI base;
    private final ObjectMapper json = new ObjectMapper();

    public HetznerClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    public ConnectionResult test(String token, String location) {
        if (token == null || token.isBlank()) return ConnectionResult.failed("Enter the Hetzner API token first.");
        try {
            List<JsonNode> locations = list(token, "/v1/locations", "locations");
            boolean known = locations.stream().anyMatch(l -> l.path("name").asText().equals(location));
            List<String> offered = new ArrayList<>();
            for (JsonNode type : list(token, "/v1/server_types", "server_types")) {
                if (orderableIn(type, location)) offered.add(type.path("name").asText());
            }
            if (location == null || location.isBlank()) {
                return ConnectionResult.ok("Connected to Hetzner Cloud: " + locations.size() + " locations.", offered);
            }
            if (!known) {
                return ConnectionResult.failed("The token works, but Hetzner has no location '" + location + "'.");
            }
            return ConnectionResult.ok("Connected to Hetzner Cloud: " + offered.size() + " server types can be ordered in "
                    + location + ".", offered);
        } catch (ApiError e) {
            return ConnectionResult.failed(e.getMessage());
        } catch (IOException e) {
            return ConnectionResult.failed("Cannot reach Hetzner Cloud at " + base.getHost() + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionResult.failed("Test connection was cancelled.");
        }
    }

    static boolean orderableIn(JsonNode type, String location) {
        if (type.hasNonNull("deprecation") && !type.path("deprecation").isEmpty()) return false;
        for (JsonNode loc : type.path("locations")) {
            if (loc.path("name").asText().equals(location)) {
                boolean deprecated = loc.hasNonNull("deprecation") && !loc.path("deprecation").isEmpty();
                return loc.path("available").asBoolean(true) && !deprecated;
            }
        }
        return false;
    }

    /** Follows {@code meta.pagination.next_page} until it is null. */
    private List<JsonNode> list(String token, String path, String field) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        Integer page = 1;
        int guard = 0;
        while (page != null && guard++ < 100) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path + "?page=" + page + "&per_page=50"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = parse(response.body());
            if (response.statusCode() / 100 != 2) throw new ApiError(errorMessage(response.statusCode(), body));
            body.path(field).forEach(all::add);
            JsonNode next = body.path("meta").path("pagination").path("next_page");
            page = next.isInt() ? next.asInt() : null;
        }
        return all;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static String errorMessage(int status, JsonNode body) {
        String code = body.path("error").path("code").asText("");
        String message = body.path("error").path("message").asText("");
        return switch (code) {
            case "unauthorized" -> "Hetzner rejected the token (401 unauthorized): check that you copied the whole"
                    + " 64-character API token of the right project.";
            case "forbidden" -> "The token may not do this (403 forbidden): create a Read & Write token in the project.";
            case "rate_limit_exceeded" -> "Hetzner's rate limit was reached (429): wait a few minutes and try again.";
            case "maintenance" -> "Hetzner Cloud is in maintenance; try again later.";
            default -> "Hetzner answered HTTP " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        };
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final class ApiError extends IOException {
        ApiError(String message) {
            super(message);
        }
    }

}
