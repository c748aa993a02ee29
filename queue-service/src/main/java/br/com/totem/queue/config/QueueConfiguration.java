package br.com.totem.queue.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueProperties.class)
@OpenAPIDefinition(info = @Info(title = "queue-service", version = "v1",
        description = "Staff and device identity (tokens, JWKS), stations, operator sessions and the live queue"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class QueueConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
