package br.com.totem.queue.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import br.com.totem.queue.identity.KeyRing;
import br.com.totem.queue.identity.QueueJwtDecoder;
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

    /** Our own tokens are checked against our own key ring; Boot's JWKS-over-HTTP decoder backs off. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(KeyRing keys, QueueProperties properties) {
        return new QueueJwtDecoder(keys, properties.identity().issuer(), properties.identity().externalJwksUri());
    }

    /** BCrypt cost 10 (~60 ms here): slow for guessing, fast enough for a tablet login. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
