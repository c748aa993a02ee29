package br.com.totem.queue.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import br.com.totem.platform.security.TokenRules;
import br.com.totem.queue.config.QueueProperties;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Our own tokens are checked against our own key ring; Boot's JWKS-over-HTTP decoder backs off. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(KeyRing keys, QueueProperties properties, TokenRules rules) {
        var identity = properties.identity();
        return new QueueJwtDecoder(keys, identity.issuer(), rules, identity.externalJwksUri(), identity.externalIssuer());
    }

    /** BCrypt cost 10 (~60 ms here): slow for guessing, fast enough for a tablet login. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
