package dev.railyard.engine.coder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link CoderApi} gets an answer to a request: over HTTP ({@link #over(HttpClient)}) for a real coderd or a stand-in
 * on 127.0.0.1, or from the demo's simulated coderd in memory. One call in, one answer out; nothing else of HTTP leaks.
 */
@FunctionalInterface
public interface CoderTransport {

    Response send(Request request) throws IOException, InterruptedException;

    /** {@code body}: null for none. Headers are sent as given; the session header is among them when there is a token. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            headers = Map.copyOf(headers);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    record Response(int status, String body) {}

    /** The real transport: java.net.http. */
    static CoderTransport over(HttpClient http) {
        return request -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
            request.headers().forEach(b::header);
            b.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        };
    }
}
