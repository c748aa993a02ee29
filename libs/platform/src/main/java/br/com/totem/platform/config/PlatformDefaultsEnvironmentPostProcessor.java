package br.com.totem.platform.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every service the same operational defaults (database, broker, actuator, logs) and
 * derives the RabbitMQ consumer binding from one key, {@code totem.events.consumes}, so five
 * services do not each carry twenty lines of binder settings that must stay alike.
 * Both property sources are added last: a service's application.yml and the environment win.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "totem/platform-defaults.yml";
    public static final String BINDING = "totemEvents-in-0";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains("totem-platform-defaults")) {
            environment.getPropertySources().addLast(loadDefaults());
        }
        String consumes = environment.getProperty("totem.events.consumes", "").trim();
        if (!consumes.isEmpty() && !environment.getPropertySources().contains("totem-event-bindings")) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("totem-event-bindings", eventBindings(consumes)));
        }
    }

    static Map<String, Object> eventBindings(String consumes) {
        List<String> types = Arrays.stream(consumes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String binding = "spring.cloud.stream.bindings." + BINDING;
        String rabbit = "spring.cloud.stream.rabbit.bindings." + BINDING + ".consumer";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.cloud.function.definition", "totemEvents");
        p.put(binding + ".destination", "${totem.events.exchange}");
        p.put(binding + ".group", "${spring.application.name}");
        p.put(binding + ".content-type", "application/json");
        p.put(binding + ".consumer.max-attempts", "${totem.events.max-attempts}");
        p.put(binding + ".consumer.back-off-initial-interval", "${totem.events.backoff-initial-ms}");
        p.put(binding + ".consumer.back-off-multiplier", "${totem.events.backoff-multiplier}");
        p.put(binding + ".consumer.back-off-max-interval", "${totem.events.backoff-max-ms}");
        p.put(rabbit + ".exchange-type", "topic");
        p.put(rabbit + ".binding-routing-key", String.join(",", types));
        p.put(rabbit + ".binding-routing-key-delimiter", ",");
        p.put(rabbit + ".quorum.enabled", "true");
        p.put(rabbit + ".auto-bind-dlq", "true");
        p.put(rabbit + ".dlq-quorum.enabled", "true");
        p.put(rabbit + ".republish-to-dlq", "true");
        p.put(rabbit + ".prefetch", "${totem.events.prefetch}");
        return p;
    }

    private static PropertySource<?> loadDefaults() {
        try {
            List<PropertySource<?>> loaded = new YamlPropertySourceLoader()
                    .load("totem-platform-defaults", new ClassPathResource(DEFAULTS));
            return loaded.getFirst();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DEFAULTS, e);
        }
    }

    @Override
    public int getOrder() {
        // after config data (application.yml) is loaded, so totem.events.consumes is visible
        return Ordered.LOWEST_PRECEDENCE;
    }
}
