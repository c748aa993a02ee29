package br.com.totem.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import br.com.totem.platform.logging.SensitivePaths;
import reactor.core.publisher.Mono;

/**
 * One structured line per request: method, path, status, duration, client address. Never the
 * query string (it may hold {@code access_token} or a CPF), never headers, and the secrets some
 * paths carry (the public status token in
 * {@code /api/v1/public/queue/{token}} and {@code /t/{token}}, the bank's webhook secret) are masked
 * ({@link SensitivePaths}).
 */
@Component
public class AccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("totem.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        return chain.filter(exchange).doFinally(signal -> {
            var status = exchange.getResponse().getStatusCode();
            log.atInfo()
                    .addKeyValue("http.method", request.getMethod().name())
                    .addKeyValue("url.path", safePath(request.getPath().value()))
                    .addKeyValue("http.status", status == null ? 0 : status.value())
                    .addKeyValue("duration.ms", (System.nanoTime() - start) / 1_000_000)
                    .addKeyValue("client.address", request.getRemoteAddress() == null ? "-"
                            : request.getRemoteAddress().getAddress().getHostAddress())
                    .log("access");
        });
    }

    static String safePath(String path) {
        return SensitivePaths.redact(path);
    }

    @Override
    public int getOrder() {
        return -200; // outermost: 401s, 413s and 429s are logged too
    }
}
