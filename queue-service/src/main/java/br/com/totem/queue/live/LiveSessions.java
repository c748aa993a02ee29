package br.com.totem.queue.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import br.com.totem.queue.identity.TokenIssuer;
import br.com.totem.queue.identity.store.RefreshTokenStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A socket lives no longer than the access it was opened with (issue 12, item 6). Its token
 * expires: the socket closes at that instant with {@link #TOKEN_EXPIRED} (the app refreshes its
 * token and reconnects with {@code ?since=}, losing nothing). The login behind the token is
 * revoked — logout, refresh-token reuse, the user or device deactivated or given new credentials,
 * which all revoke the refresh family named by the token's {@code sid} — and the socket closes
 * within {@code totem.queue.live.revocation-check} with {@link #ACCESS_REVOKED} (the app goes back
 * to its login). The check reads PostgreSQL, not a message, so it holds on every instance and with
 * Redis down.
 */
@Component
public class LiveSessions {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    /** 4000–4999 are the application's (RFC 6455 §7.4.2); 4401/4403 echo HTTP 401/403. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired: reconnect with a fresh token and ?since=<last seq>");
    public static final CloseStatus ACCESS_REVOKED = new CloseStatus(4403, "access revoked: log in again");

    private final RefreshTokenStore refreshTokens;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, Set<WebSocketSession>> byLogin = new ConcurrentHashMap<>();

    public LiveSessions(RefreshTokenStore refreshTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /**
     * Watches the socket until it is cancelled (the socket ended): closes it with
     * {@link #TOKEN_EXPIRED} at its token's expiry, and lets {@link #closeRevoked()} find it.
     * Never completes by itself: the socket ends as any closed socket does, when the close
     * handshake has ended its inbound side.
     */
    Mono<Void> watch(WebSocketSession session, Jwt token) {
        UUID login = login(token);
        Instant expiresAt = token.getExpiresAt();
        Mono<Void> expiry = expiresAt == null ? Mono.never()
                : Mono.delay(max0(Duration.between(clock.instant(), expiresAt)))
                        // subscribed apart: closing ends the socket's send, which cancels this watch,
                        // and Reactor Netty frees a close frame whose sending is cancelled before it is written
                        .doOnNext(t -> close(session, TOKEN_EXPIRED).subscribe())
                        .then(Mono.never());
        if (login == null) {
            return expiry;
        }
        return Mono.defer(() -> {
            byLogin.computeIfAbsent(login, k -> ConcurrentHashMap.newKeySet()).add(session);
            return expiry;
        }).doFinally(s -> byLogin.computeIfPresent(login, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        }));
    }

    /** Closes every socket of this instance whose login was revoked since it opened. */
    public Mono<Void> closeRevoked() {
        List<UUID> logins = List.copyOf(byLogin.keySet());
        if (logins.isEmpty()) {
            return Mono.empty();
        }
        return refreshTokens.revokedAmong(logins)
                .flatMap(login -> Flux.fromIterable(byLogin.getOrDefault(login, Set.of()))
                        .doOnNext(s -> log.info("closing WebSocket {}: its login was revoked", s.getId()))
                        .flatMap(s -> close(s, ACCESS_REVOKED)))
                .then();
    }

    int open() {
        return byLogin.values().stream().mapToInt(Set::size).sum();
    }

    private static Mono<Void> close(WebSocketSession session, CloseStatus status) {
        return session.close(status).onErrorResume(e -> Mono.empty());
    }

    private static UUID login(Jwt token) {
        String sid = token.getClaimAsString(TokenIssuer.SESSION_CLAIM);
        if (sid == null) {
            return null; // another issuer's token: it ends at its expiry
        }
        try {
            return UUID.fromString(sid);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
