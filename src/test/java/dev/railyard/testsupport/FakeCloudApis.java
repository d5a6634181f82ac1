package dev.railyard.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server on 127.0.0.1 that answers like Hetzner Cloud and Azure (shapes from the
 * provider reference): only {@link #GOOD_TOKEN} and {@link #GOOD_SECRET} are accepted, server types
 * come in two pages, cx22 is deprecated and cpx62 not available in fsn1.
 */
public final class FakeCloudApis implements AutoCloseable {

    public static final String GOOD_TOKEN = "good-token-0000000000000000000000000000000000000000000000000000000";
    public static final String GOOD_SECRET = "good-secret";
    public static final String SUBSCRIPTION = "291bba3f-e0a5-47bc-a099-3bdcb2a50a05";

    private final HttpServer server;
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    public FakeCloudApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        requests.add(ex.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) authorizations.add(auth);
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.startsWith("/v1/")) {
            if (!("Bearer " + GOOD_TOKEN).equals(auth)) {
                send(ex, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unable to authenticate\",\"details\":null}}");
                return;
            }
            if (path.equals("/v1/locations")) {
                send(ex, 200, "{\"locations\":[" + location(1, "fsn1") + "," + location(2, "nbg1") + "],"
                        + "\"meta\":{\"pagination\":{\"page\":1,\"per_page\":50,\"previous_page\":null,\"next_page\":null,\"last_page\":1,\"total_entries\":2}}}");
            } else if (path.equals("/v1/server_types")) {
                boolean second = query.contains("page=2");
                String types = second
                        ? type(109, "cpx22", "{\"id\":1,\"name\":\"fsn1\",\"available\":true,\"recommended\":true,\"deprecation\":null}")
                          + "," + type(120, "cpx62", "{\"id\":1,\"name\":\"fsn1\",\"available\":false,\"recommended\":false,\"deprecation\":null}")
                        : type(104, "cx22", "{\"id\":1,\"name\":\"fsn1\",\"available\":false,\"recommended\":false,"
                          + "\"deprecation\":{\"announced\":\"2025-10-16T06:00:00Z\",\"unavailable_after\":\"2025-12-31T23:59:59Z\"}}")
                          + "," + type(114, "cx43", "{\"id\":1,\"name\":\"fsn1\",\"available\":true,\"recommended\":true,\"deprecation\":null}");
                send(ex, 200, "{\"server_types\":[" + types + "],\"meta\":{\"pagination\":{\"page\":" + (second ? 2 : 1)
                        + ",\"per_page\":2,\"previous_page\":" + (second ? 1 : "null") + ",\"next_page\":" + (second ? "null" : 2)
                        + ",\"last_page\":2,\"total_entries\":4}}}");
            } else {
                send(ex, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\",\"details\":{}}}");
            }
            return;
        }
        if (path.endsWith("/oauth2/v2.0/token")) {
            if (body.contains("client_secret=" + GOOD_SECRET + "&")) {
                send(ex, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"eyJ-fake\"}");
            } else {
                send(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided."
                        + "\\r\\nTrace ID: x\\r\\nCorrelation ID: y\\r\\nTimestamp: 2023-06-02 21:00:26Z\",\"error_codes\":[7000215],"
                        + "\"timestamp\":\"2023-06-02 21:00:26Z\",\"trace_id\":\"x\",\"correlation_id\":\"y\","
                        + "\"error_uri\":\"https://login.microsoftonline.com/error?code=7000215\"}");
            }
            return;
        }
        if (path.startsWith("/subscriptions/")) {
            String id = path.substring("/subscriptions/".length());
            if (id.equals(SUBSCRIPTION)) {
                send(ex, 200, "{\"id\":\"/subscriptions/" + id + "\",\"subscriptionId\":\"" + id + "\",\"tenantId\":\"t\","
                        + "\"displayName\":\"Example Subscription\",\"state\":\"Enabled\",\"authorizationSource\":\"RoleBased\"}");
            } else {
                send(ex, 404, "{\"error\":{\"code\":\"SubscriptionNotFound\",\"message\":\"The subscription '" + id + "' could not be found.\"}}");
            }
            return;
        }
        send(ex, 404, "{}");
    }

    private static String location(int id, String name) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"description\":\"DC\",\"country\":\"DE\",\"city\":\"x\","
                + "\"latitude\":0,\"longitude\":0,\"network_zone\":\"eu-central\"}";
    }

    private static String type(int id, String name, String fsn1) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"cores\":2,\"memory\":4.0,\"disk\":40,\"architecture\":\"x86\","
                + "\"deprecation\":null,\"prices\":[],\"locations\":[" + fsn1 + "]}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
