package dev.railyard.engine.demo;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * fabric8's HTTP client, answered in-process by a {@link KubeApi}: no socket is opened, not even on loopback, so
 * the demo runs where there is no network at all ({@code unshare -n}). fabric8 builds its requests, retries and
 * deserialises exactly as with its real transports; only the bytes never leave the JVM. Watches are plain HTTP
 * (the demo's Config sets {@code onlyHttpWatches}) and stay open without events; WebSockets are refused.
 */
final class InMemoryKubeHttp {

    private InMemoryKubeHttp() {}

    static final class MemoryFactory implements HttpClient.Factory {
        private final KubeApi api;

        MemoryFactory(KubeApi api) {
            this.api = api;
        }

        @Override
        public MemoryBuilder newBuilder() {
            return new MemoryBuilder(this);
        }
    }

    static final class MemoryBuilder extends StandardHttpClientBuilder<MemoryClient, MemoryFactory, MemoryBuilder> {
        MemoryBuilder(MemoryFactory factory) {
            super(factory);
        }

        @Override
        public MemoryClient build() {
            return new MemoryClient(this, new AtomicBoolean());
        }

        @Override
        protected MemoryBuilder newInstance(MemoryFactory factory) {
            return new MemoryBuilder(factory);
        }
    }

    static final class MemoryClient extends StandardHttpClient<MemoryClient, MemoryFactory, MemoryBuilder> {
        MemoryClient(MemoryBuilder builder, AtomicBoolean closed) {
            super(builder, closed);
        }

        @Override
        public CompletableFuture<WebSocketResponse> buildWebSocketDirect(StandardWebSocketBuilder builder, WebSocket.Listener listener) {
            return CompletableFuture.failedFuture(new IOException("the simulated API server has no WebSockets; watches use HTTP"));
        }

        @Override
        public CompletableFuture<HttpResponse<AsyncBody>> consumeBytesDirect(StandardHttpRequest request,
                                                                             AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            KubeApi api = builder.getClientFactory().api;
            KubeResponse response;
            try {
                response = api.handle(request.method(), request.uri(), request.getContentType(), body(request));
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            boolean watch = request.uri().getRawQuery() != null && request.uri().getRawQuery().contains("watch=true");
            Body body = new Body(response.body(), consumer, watch);
            return CompletableFuture.completedFuture(new Response(response, request, body));
        }

        @Override
        protected void doClose() {
            // nothing is held open
        }

        private static byte[] body(StandardHttpRequest request) throws IOException {
            StandardHttpRequest.BodyContent content = request.body();
            if (content == null) return new byte[0];
            if (content instanceof StandardHttpRequest.StringBodyContent s) return s.getContent().getBytes(StandardCharsets.UTF_8);
            if (content instanceof StandardHttpRequest.ByteArrayBodyContent b) return b.getContent();
            if (content instanceof StandardHttpRequest.InputStreamBodyContent i) {
                try (InputStream in = i.getContent()) {
                    return in.readAllBytes();
                }
            }
            throw new IOException("request body " + content.getClass().getSimpleName() + " is not simulated");
        }
    }

    /** The body, handed over when fabric8 asks for it; a watch's stays open until it is cancelled. */
    private static final class Body implements AsyncBody {
        private final byte[] bytes;
        private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
        private final boolean open;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicBoolean delivered = new AtomicBoolean();

        Body(byte[] bytes, AsyncBody.Consumer<List<ByteBuffer>> consumer, boolean open) {
            this.bytes = bytes;
            this.consumer = consumer;
            this.open = open;
        }

        @Override
        public void consume() {
            if (done.isDone() || !delivered.compareAndSet(false, true)) return;
            try {
                if (bytes.length > 0) consumer.consume(List.of(ByteBuffer.wrap(bytes)), this);
                if (!open) done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void cancel() {
            done.complete(null);
        }
    }

    private record Response(KubeResponse answer, HttpRequest request, AsyncBody body) implements HttpResponse<AsyncBody> {
        @Override
        public int code() {
            return answer.code();
        }

        @Override
        public List<String> headers(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? List.of(answer.contentType()) : List.of();
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of("Content-Type", List.of(answer.contentType()));
        }

        @Override
        public Optional<HttpResponse<?>> previousResponse() {
            return Optional.empty();
        }
    }
}
