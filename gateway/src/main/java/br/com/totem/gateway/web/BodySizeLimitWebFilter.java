package br.com.totem.gateway.web;

import org.springframework.core.Ordered;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import br.com.totem.gateway.GatewayProperties;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body over the limit with a 413 problem: a declared one ({@code Content-Length}) before
 * it is read or forwarded, an undeclared one (chunked) as soon as the bytes read pass the limit —
 * the stream is cut there, never forwarded whole (issue 12 Low).
 */
@Component
public class BodySizeLimitWebFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final ProblemWebExceptionHandler problems;

    public BodySizeLimitWebFilter(GatewayProperties properties, ProblemWebExceptionHandler problems) {
        this.maxBytes = properties.maxBodyBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return problems.handle(exchange, new ProblemException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Payload too large", "The request body exceeds " + maxBytes + " bytes"));
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong read = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        // found through the cause chain wherever the routing filter wraps it: a 413 problem
                        sink.error(new org.springframework.core.io.buffer.DataBufferLimitException(
                                "The request body exceeds " + maxBytes + " bytes"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    @Override
    public int getOrder() {
        return -150; // before security: no need to validate a token to refuse a huge body
    }
}
