package br.com.totem.sandbox.printer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/** Stand-in for a raw TCP 9100 ESC/POS receipt printer, with a web page of what it printed. */
@SpringBootApplication
public class EscposPrinterSandboxApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EscposPrinterSandboxApplication.class);
        app.setDefaultProperties(Map.of(EmbeddedAutoConfigurationFilter.ENABLED, "true"));
        app.run(args);
    }

    /** Own Netty event loops, so closing an embedded printer never stops the host's servers. */
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
     * Starts the printer inside another application's JVM (print-service's tests) on random web and
     * TCP ports; every setting is passed in, and the host's auto-configurations (database, broker,
     * security) are filtered out by {@link EmbeddedAutoConfigurationFilter}.
     */
    public static ConfigurableApplicationContext startEmbedded(Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(EmbeddedAutoConfigurationFilter.ENABLED, "true");
        p.put("spring.config.name", "escpos-printer-embedded");
        p.put("spring.application.name", "escpos-printer");
        p.put("server.port", "0");
        p.put("sandbox.printer.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.put("management.endpoints.web.exposure.include", "health");
        p.put("spring.jmx.enabled", "false");
        p.put("management.endpoint.health.group.readiness.include", "readinessState");
        p.put("management.endpoint.health.validate-group-membership", "false");
        p.putAll(properties);
        return new SpringApplicationBuilder(EscposPrinterSandboxApplication.class).properties(p).run();
    }
}
