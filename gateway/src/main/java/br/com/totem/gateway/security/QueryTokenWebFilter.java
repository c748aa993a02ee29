package br.com.totem.gateway.security;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * A token in a URL ends up in browser history, proxy logs and traces, so only the WebSockets take
 * one (browsers cannot set headers on them). On {@code /ws/**} an {@code access_token} query
 * parameter becomes the {@code Authorization} header (unless one is sent) and leaves the URI; on
 * every other path it is removed and ignored: a token there authenticates nothing and is not
 * forwarded. Runs after {@code CanonicalPathWebFilter}, so {@code /w%73/queue} is a socket path too.
 */
@Component
public class QueryTokenWebFilter implements WebFilter, Ordered {

    static final String PARAMETER = "access_token";
    private static final PathPattern SOCKETS = PathPatternParser.defaultInstance.parse("/ws/**");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawQuery = request.getURI().getRawQuery();
        if (rawQuery == null || !rawQuery.contains(PARAMETER)) {
            return chain.filter(exchange);
        }
        String token = request.getQueryParams().getFirst(PARAMETER);
        URI stripped = UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam(PARAMETER).build(true).toUri();
        boolean socket = SOCKETS.matches(request.getPath().pathWithinApplication());
        return chain.filter(exchange.mutate().request(r -> {
            r.uri(stripped);
            if (socket && token != null && !token.isBlank() && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                r.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }).build());
    }

    @Override
    public int getOrder() {
        return -250; // after the canonical path (-300), before the access log (-200) and security (-100)
    }
}
