package br.com.totem.queue.live;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Callers;
import br.com.totem.queue.config.QueueProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /ws/queue} and {@code /ws/panel}: a snapshot (or what was missed since {@code ?since=}),
 * then changes, each with its sequence number, and a heartbeat carrying the last sequence.
 * The role was checked at the handshake (the security chain, {@link LiveSocketAccess#rules()}); the
 * tenant is the token's; the socket ends with the token ({@link LiveSessions}).
 */
public class LiveSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(4008, "too slow: reconnect with ?since=<last seq>");

    private final LiveQueue live;
    private final LiveMessage.Audience audience;
    private final QueueProperties.Live props;
    private final LiveSessions sessions;

    LiveSocketHandler(LiveQueue live, LiveMessage.Audience audience, QueueProperties.Live props, LiveSessions sessions) {
        this.live = live;
        this.audience = audience;
        this.props = props;
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Long since = since(session);
        return session.getHandshakeInfo().getPrincipal()
                .cast(JwtAuthenticationToken.class)
                .flatMap(auth -> {
                    Caller caller = Callers.from(auth.getToken());
                    LiveQueue.Listener listener = live.register(caller.tenant(),
                            () -> session.close(TOO_SLOW).onErrorResume(e -> Mono.empty()).subscribe());
                    AtomicLong lastSeq = new AtomicLong();
                    // UTF-8 frames: a change is encoded once per audience and the same bytes go to every socket
                    Flux<byte[]> frames = live.start(caller.tenant(), audience, since).flatMapMany(start -> {
                        lastSeq.set(start.seq());
                        Flux<byte[]> first = Flux.fromIterable(start.frames()).map(LiveSocketHandler::utf8);
                        if (start.degraded()) {
                            // Redis is away: no numbered changes; a fresh snapshot from the database each heartbeat,
                            // and any change that does arrive (Redis back) makes the client resync
                            first = first.concatWith(Flux.interval(props.heartbeat(), props.heartbeat()).onBackpressureDrop()
                                    .concatMap(i -> live.degradedSnapshot(caller.tenant(), audience)
                                            .onErrorResume(e -> Mono.empty()).map(LiveSocketHandler::utf8), 1));
                            return Flux.merge(first, listener.messages().doOnNext(m -> lastSeq.set(m.seq()))
                                    .mapNotNull(m -> m.frameBytes(audience)));
                        }
                        return first.concatWith(listener.messages()
                                .filter(m -> m.seq() > start.seq())
                                .doOnNext(m -> lastSeq.set(m.seq()))
                                .map(m -> m.frameBytes(audience)));
                    });
                    Flux<byte[]> heartbeats = Flux.interval(props.heartbeat(), props.heartbeat())
                            .onBackpressureDrop()
                            .map(i -> utf8(live.heartbeat(lastSeq.get())));
                    Mono<Void> send = session.send(Flux.merge(frames, heartbeats)
                            .map(bytes -> new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(bytes))));
                    Mono<Void> receive = session.receive().then();
                    return Mono.firstWithSignal(send, receive, sessions.watch(session, auth.getToken()))
                            .doOnError(e -> log.debug("WebSocket {} ended: {}", session.getId(), e.toString()))
                            .onErrorResume(e -> Mono.empty())
                            .doFinally(s -> {
                                listener.drop();
                                live.unregister(listener);
                            });
                });
    }

    private static byte[] utf8(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    private static Long since(WebSocketSession session) {
        String value = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build().getQueryParams().getFirst("since");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
