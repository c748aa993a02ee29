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

    /**
     * Login data has no reason to stay (issue 12 item 13): throttle rows once their failures are
     * forgotten ({@code login-delays.memory}), refresh tokens {@code identity.retention} after they expired.
     */
    @Bean
    br.com.totem.platform.jobs.PeriodicJob identityPruning(br.com.totem.queue.identity.store.ThrottleStore throttle,
                                                           br.com.totem.queue.identity.store.RefreshTokenStore refreshTokens,
                                                           QueueProperties properties, java.time.Clock clock) {
        var identity = properties.identity();
        return br.com.totem.platform.jobs.PeriodicJob.named("identity-pruning").firstAfter(java.time.Duration.ofMinutes(1))
                .every(java.time.Duration.ofHours(1)).onOneInstance()
                .run(() -> throttle.prune(clock.instant().minus(identity.loginDelays().memory()))
                        .then(refreshTokens.prune(clock.instant().minus(identity.retention()))));
    }

    /** BCrypt cost 10 (~60 ms here): slow for guessing, fast enough for a tablet login. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
