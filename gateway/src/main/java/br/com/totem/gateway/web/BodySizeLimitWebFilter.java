package br.com.totem.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import br.com.totem.gateway.GatewayProperties;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import reactor.core.publisher.Mono;

/** Refuses a declared body over the limit with a 413 problem before it is read or forwarded. */
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
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return -150; // before security: no need to validate a token to refuse a huge body
    }
}
