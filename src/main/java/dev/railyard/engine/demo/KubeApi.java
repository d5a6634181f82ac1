package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated cluster's API server, in memory: objects as JSON under the REST paths Kubernetes uses
 * ({@code /api/v1/namespaces/NS/pods/NAME}, {@code /apis/GROUP/VERSION/PLURAL}), with get, list (label and field
 * selectors), create, replace, merge and JSON patches, delete, pod logs and {@code /version}. Enough of the API for
 * fabric8 to drive it exactly as it drives a real one; no admission, no validation beyond what the steps rely on.
 *
 * <p>Two doors onto one {@link KubeObjectStore} under one lock: {@link #handle} for fabric8's requests
 * ({@link KubeRequestRouter}), and direct access for the simulation's controllers.
 */
final class KubeApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KubeObjectStore store;
    private final KubeRequestRouter router;
    private final List<Consumer<KubeApi>> beforeEveryRequest = new ArrayList<>();

    KubeApi(Clock clock, String serverVersion) {
        this.store = new KubeObjectStore(clock);
        this.router = new KubeRequestRouter(store, serverVersion);
    }

    /** Runs before every request: the simulation's controllers catch up with the clock. */
    synchronized void beforeEveryRequest(Consumer<KubeApi> controller) {
        beforeEveryRequest.add(controller);
    }

    // ---- direct access for the simulation's controllers ----

    synchronized Optional<ObjectNode> get(String group, String plural, String namespace, String name) {
        return store.get(new KubeObjectStore.Key(group, plural, namespace, name));
    }

    synchronized List<ObjectNode> list(String group, String plural) {
        return store.list(group, plural);
    }

    /** Creates or replaces {@code object} (its kind must be known); stamps the metadata a server adds. */
    synchronized ObjectNode put(ObjectNode object) {
        return store.put(object);
    }

    synchronized void setLog(String namespace, String pod, String container, String current, String previous) {
        store.setLog(namespace, pod, container, current, previous);
    }

    // ---- HTTP ----

    KubeResponse handle(String method, URI uri, String contentType, byte[] body) {
        List<Consumer<KubeApi>> controllers;
        synchronized (this) {
            controllers = List.copyOf(beforeEveryRequest);
        }
        // outside this lock: a controller holds its own lock and then takes this one, as its other callers do; taking
        // this one first would invert that order and could deadlock
        for (Consumer<KubeApi> c : controllers) c.accept(this);
        synchronized (this) {
            try {
                return router.route(method, uri, contentType, body);
            } catch (IllegalArgumentException e) {
                return KubeResponse.status(400, "BadRequest", e.getMessage());
            } catch (IOException e) {
                return KubeResponse.status(400, "BadRequest", "cannot read the request body: " + e.getMessage());
            }
        }
    }
}
