package br.com.totem.queue.live;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import br.com.totem.platform.security.PathRules;
import br.com.totem.platform.security.Roles;

/**
 * Browsers cannot set headers on a WebSocket, so {@code /ws/*} also take the token as
 * {@code ?access_token=}: {@link #queryToken()} moves it into the Authorization header before
 * Spring Security runs and removes it from the URI, so nothing downstream (logs, metrics) ever
 * sees it. {@link #rules()} are the roles of each socket, in the security chain: decided on the
 * decoded path like the handler mapping ({@code /ws/%71ueue} is {@code /ws/queue}), refused with a
 * 403 problem at the handshake.
 */
public final class LiveSocketAccess {

    private static final PathPattern SOCKETS = PathPatternParser.defaultInstance.parse("/ws/**");

    private LiveSocketAccess() {
    }

    /** Runs before Spring Security (order -200 &lt; -100). */
    public static WebFilter queryToken() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            if (!SOCKETS.matches(request.getPath().pathWithinApplication())) {
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

    /** Operators and managers see the queue; the panel (and managers checking it) the calls; no other socket exists. */
    public static PathRules rules() {
        return ex -> ex
                .pathMatchers("/ws/queue").hasAnyRole(Roles.OPERATOR, Roles.MANAGER, Roles.ADMIN)
                .pathMatchers("/ws/panel").hasAnyRole(Roles.PANEL, Roles.MANAGER, Roles.ADMIN)
                .pathMatchers("/ws/**").denyAll();
    }
}
