package br.com.totem.ticket.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.ticket.customer.crypto.BlindIndex;
import br.com.totem.ticket.customer.crypto.PiiCipher;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TicketProperties.class, PiiProperties.class})
@OpenAPIDefinition(
        info = @Info(title = "Totem ticket-service", version = "v1",
                description = "Service catalog, consent, tickets and their life, queue numbers, customers and LGPD."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class TicketServiceConfig {

    /** The service's time; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PiiCipher piiCipher(PiiProperties pii) {
        return PiiCipher.fromConfig(pii.keys(), pii.activeKey());
    }

    @Bean
    BlindIndex blindIndex(PiiProperties pii) {
        return BlindIndex.fromBase64(pii.indexKey());
    }
}
