package br.com.totem.gateway.web;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gateway's circuit breakers (one per downstream service) on /actuator/prometheus as
 * {@code resilience4j_circuitbreaker_*{name}}: Spring Cloud CircuitBreaker's own metrics configuration requires a
 * {@code MeterRegistry} bean before Boot 4 has made one, so it never binds them. The breakers are created at a
 * route's first request; the binder follows the registry and adds each one as it appears.
 */
@Configuration(proxyBeanMethods = false)
class BreakerMetrics {

    @Bean
    MeterBinder circuitBreakerMetrics(ReactiveResilience4JCircuitBreakerFactory breakers) {
        return (MeterRegistry registry) -> TaggedCircuitBreakerMetrics
                .ofCircuitBreakerRegistry(breakers.getCircuitBreakerRegistry()).bindTo(registry);
    }
}
