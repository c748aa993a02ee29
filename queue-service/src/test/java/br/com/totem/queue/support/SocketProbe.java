package br.com.totem.queue.support;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client that records every frame it receives, for tests and checks. */
public final class SocketProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<CloseStatus> closed = new AtomicReference<>();
    private final Disposable connection;

    private SocketProbe(URI uri, HttpHeaders headers) {
        connection = new ReactorNettyWebSocketClient().execute(uri, headers, session -> {
                    session.closeStatus().subscribe(closed::set);
                    return session.receive()
                            .map(WebSocketMessage::getPayloadAsText)
                            .doOnNext(text -> frames.add(JSON.readTree(text)))
                            .then();
                })
                .subscribe(v -> { }, failure::set);
    }

    /** The close frame the server sent, once it sent one. */
    public CloseStatus closeStatus() {
        return closed.get();
    }

    /** {@code query}: the token as {@code ?access_token=} (as browsers do), else in the Authorization header. */
    public static SocketProbe connect(int port, String path, String token, boolean query, Long since) {
        StringBuilder uri = new StringBuilder("ws://127.0.0.1:" + port + path + "?x=1");
        HttpHeaders headers = new HttpHeaders();
        if (query) {
            uri.append("&access_token=").append(token);
        } else {
            headers.setBearerAuth(token);
        }
        if (since != null) {
            uri.append("&since=").append(since);
        }
        return new SocketProbe(URI.create(uri.toString()), headers);
    }

    /** The next frame that is not a heartbeat. */
    public JsonNode next() {
        return next(f -> !"heartbeat".equals(f.get("type").asString()));
    }

    public JsonNode next(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null && wanted.test(f)) {
                    return f;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure.get() != null) {
                throw new AssertionError("WebSocket failed", failure.get());
            }
        }
        throw new AssertionError("no wanted frame within 20 s");
    }

    /** Frames that arrived and were not consumed yet. */
    public java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
