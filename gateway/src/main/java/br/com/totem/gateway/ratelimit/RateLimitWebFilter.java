package br.com.totem.gateway.ratelimit;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import br.com.totem.gateway.GatewayProperties;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import br.com.totem.platform.ratelimit.ClientAddresses;
import br.com.totem.platform.ratelimit.LocalWindowLimiter;
import reactor.core.publisher.Mono;

/**
 * Applies the limits of docs/architecture.md after authentication (so the tenant and user come from
 * the token): {@code POST /api/v1/tickets} per tenant, logins ({@code /api/v1/auth/**}) per client
 * address, device-token/refresh/logout per client address with a limit of their own, any other authenticated API call per user. A refusal is a 429 problem with
 * {@code Retry-After}. When Redis fails, Spring Cloud Gateway's limiter lets the request
 * through: selling tickets matters more than limiting them (ADR 0005). Not so for logins and
 * tokens (issue 12 item 8): there the same limit is counted in this instance's memory
 * ({@link LocalWindowLimiter}) until Redis answers again, so guessing is never unlimited. The
 * client address is the TCP peer, or what a trusted proxy ({@code TOTEM_GATEWAY_TRUSTED_PROXIES})
 * names in {@code X-Forwarded-For} ({@link ClientAddresses}, item 7).
 */
@Component
public class RateLimitWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitWebFilter.class);

    private static final PathPattern AUTH = PathPatternParser.defaultInstance.parse("/api/v1/auth/**");
    /** Device-token, refresh and logout: 256-bit secrets, not guessable like a PIN. */
    private static final PathPattern TOKENS = PathPatternParser.defaultInstance.parse("/api/v1/auth/{op:device-token|refresh|logout}");
    private static final PathPattern WEBHOOKS = PathPatternParser.defaultInstance.parse("/api/v1/payments/webhook/**");
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/v1/**");
    private static final PathPattern TICKETS = PathPatternParser.defaultInstance.parse("/api/v1/tickets");

    private final RedisRateLimiter tickets;
    private final RedisRateLimiter auth;
    private final RedisRateLimiter tokens;
    private final RedisRateLimiter users;
    private final GatewayProperties.RateLimits limits;
    private final ProblemWebExceptionHandler problems;
    private final ClientAddresses clients;
    private final LocalWindowLimiter fallback = new LocalWindowLimiter(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1), 100_000);

    public RateLimitWebFilter(@Qualifier("ticketCreationLimiter") RedisRateLimiter tickets,
                              @Qualifier("authLimiter") RedisRateLimiter auth,
                              @Qualifier("tokenLimiter") RedisRateLimiter tokens,
                              @Qualifier("userLimiter") RedisRateLimiter users,
                              GatewayProperties properties, ProblemWebExceptionHandler problems) {
        this.tickets = tickets;
        this.auth = auth;
        this.tokens = tokens;
        this.users = users;
        this.limits = properties.rateLimits();
        this.problems = problems;
        this.clients = new ClientAddresses(properties.trustedProxies());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // the same matching as the security rules and routes: decoded segments of the canonical
        // path (CanonicalPathWebFilter), never a prefix of the raw string
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (TOKENS.matches(path)) {
            return limit(exchange, chain, tokens, "tokens", "address:" + clientAddress(exchange),
                    limits.tokensPerMinutePerAddress());
        }
        if (AUTH.matches(path)) {
            return limit(exchange, chain, auth, "auth", "address:" + clientAddress(exchange), limits.authPerMinutePerAddress());
        }
        if (!API.matches(path) || WEBHOOKS.matches(path)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(a -> a instanceof JwtAuthenticationToken)
                .cast(JwtAuthenticationToken.class)
                .flatMap(token -> {
                    String tenant = String.valueOf(token.getToken().getClaims().get("tenant"));
                    if (exchange.getRequest().getMethod() == HttpMethod.POST && TICKETS.matches(path)) {
                        return limit(exchange, chain, tickets, "tickets", "tenant:" + tenant,
                                limits.ticketsPerMinutePerTenant()).thenReturn(true);
                    }
                    return limit(exchange, chain, users, "user", "user:" + tenant + ":" + token.getName(),
                            limits.requestsPerMinutePerUser()).thenReturn(true);
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, RedisRateLimiter limiter, String name,
                             String key, int perMinute) {
        return limiter.isAllowed(name, limits.keyPrefix() + key).flatMap(response -> {
            boolean allowed = response.isAllowed();
            if (allowed && RateLimits.redisFailed(response) && (name.equals("auth") || name.equals("tokens"))) {
                // Redis did not answer: logins are limited on this instance instead of not at all
                allowed = fallback.tryAcquire(name + ":" + key, perMinute);
            }
            if (allowed) {
                return chain.filter(exchange);
            }
            log.info("rate limit {} reached for {}", name, (name.equals("auth") || name.equals("tokens")) ? "a client address" : key);
            long retryAfter = RateLimits.retryAfterSeconds(perMinute);
            return problems.handle(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS,
                    "Too many requests", "Limit of " + perMinute + " per minute reached; retry in " + retryAfter + " s",
                    Map.of("retryAfterSeconds", retryAfter)));
        });
    }

    String clientAddress(ServerWebExchange exchange) {
        return clients.of(exchange.getRequest());
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's chain (-100): the token is known
    }
}
