package br.com.totem.platform.problem;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error that reaches WebFlux — from controllers, codecs, routing, filters — as
 * {@code application/problem+json}. Runs before Spring Boot's own handler (order -1), so no
 * HTML or ad-hoc JSON error ever leaves a service, and 5xx bodies never carry a stack trace.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler, org.springframework.core.Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final JsonMapper json;

    public ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail pd = Problems.from(error);
        String path = br.com.totem.platform.logging.SensitivePaths.redact(exchange.getRequest().getPath().value());
        pd.setInstance(java.net.URI.create(path));
        if (pd.getStatus() >= 500 && error instanceof ProblemException) {
            // a failure the code named itself (a bank that does not answer, a dependency down):
            // one line, no stack trace, so an outage does not bury the log in identical traces
            log.warn("{} {} → {} {}: {}", exchange.getRequest().getMethod(), path, pd.getStatus(), pd.getType(), error.getMessage());
        } else if (pd.getStatus() >= 500) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), path, error);
        } else {
            log.debug("{} {} → {} {}", exchange.getRequest().getMethod(), path, pd.getStatus(), pd.getType());
        }
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(pd.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (pd.getProperties() != null && pd.getProperties().get("retryAfterSeconds") instanceof Number n) {
            response.getHeaders().set("Retry-After", String.valueOf(n.longValue()));
        }
        byte[] body = json.writeValueAsBytes(asMap(pd));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static Map<String, Object> asMap(ProblemDetail pd) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("type", pd.getType().toString());
        map.put("title", pd.getTitle());
        map.put("status", pd.getStatus());
        if (pd.getDetail() != null) {
            map.put("detail", pd.getDetail());
        }
        if (pd.getInstance() != null) {
            map.put("instance", pd.getInstance().toString());
        }
        if (pd.getProperties() != null) {
            // extension members never replace the standard ones (RFC 9457 §3.2)
            pd.getProperties().forEach(map::putIfAbsent);
        }
        return map;
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
