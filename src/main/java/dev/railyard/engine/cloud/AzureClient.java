package dev.railyard.engine.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Azure "Test connection" for a service principal: a client-credentials token from Entra ID, then a
 * read of the subscription. Token errors are told apart by {@code error_codes[0]} (the text changes,
 * the codes do not). Both base URLs are parameters so tests answer from a local server.
 */
public final class AzureClient {

    public static final URI DEFAULT_LOGIN = URI.create("https://login.microsoftonline.com");
    public static final URI DEFAULT_MANAGEMENT = URI.create("https://management.azure.com");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI login;
    private final URI management;
    private final ObjectMapper json = new ObjectMapper();

    public AzureClient(HttpClient http, URI login, URI management) {
        this.http = http;
        this.login = login;
        this.management = management;
    }

    public ConnectionResult test(String tenantId, String clientId, String clientSecret, String subscriptionId) {
        if (blank(tenantId) || blank(clientId) || blank(clientSecret) || blank(subscriptionId)) {
            return ConnectionResult.failed("Enter the tenant ID, client ID, client secret and subscription ID first.");
        }
        try {
            String form = "client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                    + "&grant_type=client_credentials&scope=" + enc("https://management.azure.com/.default");
            HttpRequest tokenRequest = HttpRequest.newBuilder(login.resolve("/" + enc(tenantId) + "/oauth2/v2.0/token"))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> tokenResponse = http.send(tokenRequest, HttpResponse.BodyHandlers.ofString());
            JsonNode token = parse(tokenResponse.body());
            if (tokenResponse.statusCode() != 200 || !token.hasNonNull("access_token")) {
                return ConnectionResult.failed(tokenError(tokenResponse.statusCode(), token));
            }
            HttpRequest subRequest = HttpRequest.newBuilder(management.resolve("/subscriptions/" + enc(subscriptionId)
                            + "?api-version=2022-12-01"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + token.path("access_token").asText()).GET().build();
            HttpResponse<String> subResponse = http.send(subRequest, HttpResponse.BodyHandlers.ofString());
            JsonNode sub = parse(subResponse.body());
            if (subResponse.statusCode() == 200) {
                String state = sub.path("state").asText("");
                String name = sub.path("displayName").asText(subscriptionId);
                if (!"Enabled".equals(state)) {
                    return ConnectionResult.failed("Subscription '" + name + "' is " + state + "; only an Enabled subscription can create servers.");
                }
                return ConnectionResult.ok("Connected to Azure: subscription '" + name + "' is Enabled.", List.of());
            }
            String code = sub.path("error").path("code").asText("");
            return ConnectionResult.failed(switch (subResponse.statusCode()) {
                case 403, 404 -> "The credentials are valid, but this service principal cannot see subscription "
                        + subscriptionId + " (" + (code.isEmpty() ? "HTTP " + subResponse.statusCode() : code)
                        + "): check the ID and give it the Contributor role on the subscription.";
                case 401 -> "Azure refused the access token (" + code + "); try again.";
                default -> "Azure answered HTTP " + subResponse.statusCode() + " " + code;
            });
        } catch (IOException e) {
            return ConnectionResult.failed("Cannot reach Azure: " + HetznerClient.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionResult.failed("Test connection was cancelled.");
        }
    }

    static String tokenError(int status, JsonNode body) {
        int code = body.path("error_codes").path(0).asInt(-1);
        return switch (code) {
            case 7000215 -> "Azure rejected the client secret (AADSTS7000215): paste the secret's Value, not its Secret ID.";
            case 7000222 -> "The client secret has expired (AADSTS7000222): create a new one for the app registration.";
            case 700016 -> "No application with this client ID in the tenant (AADSTS700016): check the client ID and tenant ID.";
            case 90002 -> "Tenant not found (AADSTS90002): check the tenant ID.";
            default -> "Azure sign-in failed (HTTP " + status + (code > 0 ? ", AADSTS" + code : "") + ")"
                    + (body.hasNonNull("error") ? ": " + body.path("error").asText() : "");
        };
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
