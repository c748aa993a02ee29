package br.com.totem.sandbox.kit;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * When the sandbox runs embedded in a service's test JVM, that JVM's class path carries
 * auto-configurations for PostgreSQL, RabbitMQ, Redis, security and Totem's platform; the
 * sandbox needs none of them. Inert unless {@value #ENABLED} is true, which only the sandbox sets.
 */
public class EmbeddedAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String ENABLED = "sandbox.embedded-filter";

    private static final List<String> EXCLUDED = List.of("br.com.totem.platform", "r2dbc", "flyway", "amqp", "rabbit",
            "cloud.stream", "cloud.function", "security", "redis", "springdoc", "resilience4j", "circuitbreaker",
            "jdbc", "DataSource", "sql", "data.", "transaction", "Transaction");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean enabled = environment != null && environment.getProperty(ENABLED, Boolean.class, false);
        boolean[] result = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            result[i] = !enabled || name == null || EXCLUDED.stream().noneMatch(name::contains);
        }
        return result;
    }
}
