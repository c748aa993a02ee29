package br.com.totem.queue.live;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

import br.com.totem.platform.security.Callers;
import br.com.totem.platform.security.Roles;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Browsers cannot set headers on a WebSocket, so {@code /ws/*} also take the token as
 * {@code ?access_token=}: {@link #queryToken()} moves it into the Authorization header before
 * Spring Security runs and removes it from the URI, so nothing downstream (logs, metrics) ever
 * sees it. {@link #roles()} then refuses the handshake with 403 when the role is wrong.
 */
public final class LiveSocketAccess {

    static final Map<String, Set<String>> ROLES = Map.of(
            "/ws/queue", Set.of(Roles.OPERATOR, Roles.MANAGER, Roles.ADMIN),
            "/ws/panel", Set.of(Roles.PANEL, Roles.MANAGER, Roles.ADMIN));

    private LiveSocketAccess() {
    }

    /** Runs before Spring Security (order -200 &lt; -100). */
    public static WebFilter queryToken() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            if (!request.getPath().value().startsWith("/ws/")) {
                return chain.filter(exchange);
            }
            var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
            String token = query.getFirst("access_token");
            if (token == null) {
                return chain.filter(exchange);
            }
            URI stripped = UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam("access_token").build(true).toUri();
            ServerWebExchange mutated = exchange.mutate().request(r -> {
                r.uri(stripped);
                if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                    r.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }).build();
            return chain.filter(mutated);
        };
    }

    /** Runs after Spring Security: the caller is known. */
    public static WebFilter roles() {
        return (ServerWebExchange exchange, WebFilterChain chain) -> {
            Set<String> allowed = ROLES.get(exchange.getRequest().getPath().value());
            if (allowed == null) {
                return chain.filter(exchange);
            }
            return Callers.current().flatMap(caller -> allowed.stream().anyMatch(caller::hasRole)
                    ? chain.filter(exchange)
                    : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                            "Your role does not allow this channel")));
        };
    }
}
