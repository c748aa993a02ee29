package br.com.totem.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The outermost filter: rewrites the request to its {@link CanonicalPath} before the access log,
 * the body limit, security, rate limits and routing look at it, so each of them — and the
 * service the request is forwarded to — decides on the same path. A path that has no single
 * meaning is a 400 problem.
 */
@Component
public class CanonicalPathWebFilter implements WebFilter, Ordered {

    private final ProblemWebExceptionHandler problems;

    public CanonicalPathWebFilter(ProblemWebExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        String canonical;
        try {
            canonical = CanonicalPath.of(raw);
        } catch (CanonicalPath.Rejected e) {
            return problems.handle(exchange, new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                    "Malformed path", "The request path is not accepted: " + e.getMessage()));
        }
        if (canonical.equals(raw)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.path(canonical)).build());
    }

    @Override
    public int getOrder() {
        return -300; // before the access log (-200), the body limit (-150) and security (-100)
    }
}
