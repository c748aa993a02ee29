package br.com.totem.sandbox.pix;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Stand-in for the bank's BACEN Pix API v2 (Sicredi), for dev runs, demos and end-to-end tests. */
@SpringBootApplication
@EnableConfigurationProperties(SandboxProperties.class)
@EnableScheduling
public class PixPspSandboxApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PixPspSandboxApplication.class);
        app.setDefaultProperties(Map.of(EmbeddedAutoConfigurationFilter.ENABLED, "true"));
        app.run(args);
    }

    /**
     * The sandbox's Netty server gets its own event loops instead of Reactor's global ones, so
     * closing an embedded sandbox (a test's TLS bank) never stops the host's other servers.
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

    /**
     * Starts the sandbox inside another application's JVM (payment-service's tests): its own
     * application.yml is not read there (the host's comes first on the class path), so every
     * setting is passed in, and auto-configurations the host brings (database, broker, security)
     * are filtered out by {@link EmbeddedAutoConfigurationFilter}.
     */
    public static ConfigurableApplicationContext startEmbedded(Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(EmbeddedAutoConfigurationFilter.ENABLED, "true");
        p.put("spring.config.name", "pix-psp-embedded");
        p.put("spring.application.name", "pix-psp");
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.put("management.endpoints.web.exposure.include", "health");
        p.put("spring.jmx.enabled", "false");
        // the host's shared defaults name health contributors the sandbox does not have
        p.put("management.endpoint.health.group.readiness.include", "readinessState");
        p.put("management.endpoint.health.validate-group-membership", "false");
        p.putAll(properties);
        return new SpringApplicationBuilder(PixPspSandboxApplication.class).properties(p).run();
    }
}
