package br.com.totem.payment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Resilience4j's metrics on /actuator/prometheus. Its Spring Boot 3 metrics auto-configuration
 * (brought by the Cloud circuit-breaker starter) does not activate on Boot 4, so the registries
 * are bound here.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceMetrics {

    @Bean
    MeterBinder resilience4jMetrics(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
                                    TimeLimiterRegistry timeLimiters) {
        return (MeterRegistry registry) -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
            TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(registry);
        };
    }
}
