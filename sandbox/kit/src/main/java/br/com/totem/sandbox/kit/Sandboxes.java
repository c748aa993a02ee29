package br.com.totem.sandbox.kit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * How a sandbox application starts: alone ({@link #run}, for dev runs, demos and the e2e suite) or
 * embedded in a service's test JVM ({@link #startEmbedded}). A sandbox's application class imports
 * this class, so that its Netty server gets event loops of its own.
 */
@Configuration(proxyBeanMethods = false)
public class Sandboxes {

    /** Runs the sandbox as its own process. */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(Map.of(EmbeddedAutoConfigurationFilter.ENABLED, "true"));
        return app.run(args);
    }

    /**
     * Starts the sandbox {@code name} inside another application's JVM (a service's tests) on a random
     * port: its own application.yml is not read there (the host's comes first on the class path), so
     * every setting is passed in ({@code properties} last), and the auto-configurations the host
     * brings (database, broker, security) are filtered out by {@link EmbeddedAutoConfigurationFilter}.
     */
    public static ConfigurableApplicationContext startEmbedded(Class<?> application, String name,
                                                               Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(EmbeddedAutoConfigurationFilter.ENABLED, "true");
        p.put("spring.config.name", name + "-embedded");
        p.put("spring.application.name", name);
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.put("management.endpoints.web.exposure.include", "health");
        p.put("spring.jmx.enabled", "false");
        // the host's shared defaults name health contributors the sandbox does not have
        p.put("management.endpoint.health.group.readiness.include", "readinessState");
        p.put("management.endpoint.health.validate-group-membership", "false");
        p.putAll(properties);
        return new SpringApplicationBuilder(application).properties(p).run();
    }

    /**
     * The sandbox's Netty server gets its own event loops instead of Reactor's global ones, so
     * closing an embedded sandbox (a test's bank or printer) never stops the host's other servers.
     */
    @Bean
    static BeanPostProcessor ownNettyResources() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ReactorResourceFactory factory) {
                    factory.setUseGlobalResources(false);
                }
                return bean;
            }
        };
    }
}
