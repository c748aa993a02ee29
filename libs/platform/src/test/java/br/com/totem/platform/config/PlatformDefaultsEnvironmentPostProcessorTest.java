package br.com.totem.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsEnvironmentPostProcessorTest {

    @Test
    void whenServiceConsumesEventsThenOneQuorumQueueWithDlqIsBoundToEachType() {
        Map<String, Object> p = PlatformDefaultsEnvironmentPostProcessor.eventBindings(" payment.confirmed, ticket.called ,");
        String rabbit = "spring.cloud.stream.rabbit.bindings.totemEvents-in-0.consumer.";
        assertThat(p).containsEntry(rabbit + "binding-routing-key", "payment.confirmed,ticket.called")
                .containsEntry(rabbit + "quorum.enabled", "true")
                .containsEntry(rabbit + "auto-bind-dlq", "true")
                .containsEntry(rabbit + "dlq-quorum.enabled", "true")
                .containsEntry("spring.cloud.stream.bindings.totemEvents-in-0.group", "${spring.application.name}")
                .containsEntry("spring.cloud.stream.bindings.totemEvents-in-0.destination", "${totem.events.exchange}");
    }

    @Test
    void whenServiceSetsAValueThenItWinsOverThePlatformDefault() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                "spring.application.name", "ticket-service", "totem.service-id", "ticket",
                "totem.outbox.batch-size", "7", "TOTEM_DB_PASSWORD", "x")));
        new PlatformDefaultsEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("totem.outbox.batch-size")).isEqualTo("7");
        assertThat(env.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/totem_ticket");
        assertThat(env.getProperty("spring.flyway.user")).isEqualTo("totem_ticket");
        assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(env.containsProperty("spring.cloud.function.definition")).isFalse();
    }
}
