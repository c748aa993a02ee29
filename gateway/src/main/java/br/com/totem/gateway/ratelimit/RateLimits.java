package br.com.totem.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import br.com.totem.gateway.GatewayProperties;

/**
 * Spring Cloud Gateway's Redis token buckets, one per kind of limit. A limit of N per minute
 * is a bucket refilled at N tokens/s where each request costs 60 tokens, holding N requests.
 */
@Configuration
public class RateLimits {

    public static final int TOKENS_PER_REQUEST = 60;

    @Bean
    RedisRateLimiter ticketCreationLimiter(GatewayProperties properties) {
        return perMinute(properties.rateLimits().ticketsPerMinutePerTenant());
    }

    @Bean
    RedisRateLimiter authLimiter(GatewayProperties properties) {
        return perMinute(properties.rateLimits().authPerMinutePerAddress());
    }

    /** Primary: the one Spring Cloud Gateway's own RequestRateLimiter filter would use. */
    @Bean
    @Primary
    RedisRateLimiter userLimiter(GatewayProperties properties) {
        return perMinute(properties.rateLimits().requestsPerMinutePerUser());
    }

    static RedisRateLimiter perMinute(int n) {
        RedisRateLimiter limiter = new RedisRateLimiter(n, (long) n * TOKENS_PER_REQUEST, TOKENS_PER_REQUEST);
        limiter.setIncludeHeaders(false);
        return limiter;
    }

    /** Seconds until one more request fits: 60 tokens at N tokens/s. */
    static long retryAfterSeconds(int perMinute) {
        return Math.max(1, (long) Math.ceil((double) TOKENS_PER_REQUEST / perMinute));
    }
}
