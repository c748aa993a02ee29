package br.com.totem.gateway.ratelimit;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.script.DefaultRedisScript;

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

    /** Headers on: they tell when Redis failed (see {@link #redisFailed}), and then a local limit applies. */
    @Bean
    RedisRateLimiter authLimiter(GatewayProperties properties) {
        RedisRateLimiter limiter = perMinute(properties.rateLimits().authPerMinutePerAddress());
        limiter.setIncludeHeaders(true);
        return limiter;
    }

    @Bean
    RedisRateLimiter tokenLimiter(GatewayProperties properties) {
        RedisRateLimiter limiter = perMinute(properties.rateLimits().tokensPerMinutePerAddress());
        limiter.setIncludeHeaders(true);
        return limiter;
    }

    /**
     * Whether the Redis limiter let a request through only because Redis failed: Spring Cloud
     * Gateway then answers "allowed" with {@code X-RateLimit-Remaining: -1} (a real bucket never
     * goes below 0). Needs a limiter with headers included.
     */
    static boolean redisFailed(org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response response) {
        return "-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER));
    }

    /** Primary: the one Spring Cloud Gateway's own RequestRateLimiter filter would use. */
    @Bean
    @Primary
    RedisRateLimiter userLimiter(GatewayProperties properties) {
        return perMinute(properties.rateLimits().requestsPerMinutePerUser());
    }

    /**
     * Spring Cloud Gateway loads its token-bucket script from a jar resource and, on every call,
     * asks that resource for its last-modified time to know whether to hash it again: a jar
     * lookup per request (3 % of the gateway's CPU samples in the profile, docs/benchmarks.md). The
     * script never changes at run time: the same text, read once, as a static source.
     */
    @Bean
    static BeanPostProcessor staticRateLimiterScript() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultRedisScript<?> script && beanName.equals(RedisRateLimiter.REDIS_SCRIPT_NAME)) {
                    script.setScriptText(script.getScriptAsString());
                }
                return bean;
            }
        };
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
