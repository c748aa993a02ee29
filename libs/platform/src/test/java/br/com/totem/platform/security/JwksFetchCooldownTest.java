package br.com.totem.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

/** Issue 12 Low: made-up key ids cannot make the decoder read the JWKS again and again. */
class JwksFetchCooldownTest {

    final AtomicInteger jwksReads = new AtomicInteger();
    volatile JWKSet published;

    static RSAKey key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    static String token(RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("s").expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    NimbusReactiveJwtDecoder decoder(MutableClock clock) {
        // the issuer's JWKS endpoint, counted
        WebClient issuer = WebClient.builder()
                .exchangeFunction(request -> Mono.fromSupplier(() -> {
                    jwksReads.incrementAndGet();
                    return ClientResponse.create(HttpStatus.OK).header(HttpHeaders.CONTENT_TYPE, "application/json")
                            .body(published.toString()).build();
                }))
                .filter(new JwksFetchCooldown(Duration.ofSeconds(10), clock))
                .build();
        return NimbusReactiveJwtDecoder.withJwkSetUri("http://issuer.test/jwks").webClient(issuer).build();
    }

    @Test
    void madeUpKeyIdsCostAtMostOneJwksReadPerCooldownAndKnownKeysNeverWait() throws Exception {
        RSAKey k1 = key("k1");
        published = new JWKSet(k1.toPublicJWK());
        MutableClock clock = new MutableClock();
        NimbusReactiveJwtDecoder decoder = decoder(clock);

        assertThat(decoder.decode(token(k1)).block()).isNotNull();
        int afterFirst = jwksReads.get();
        RSAKey attacker = key("attacker");
        for (int i = 0; i < 30; i++) {
            String forged = token(new RSAKey.Builder(attacker).keyID("made-up-" + i).build());
            assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(JwtException.class);
        }
        // without the cooldown each made-up key id was a JWKS read
        assertThat(jwksReads.get() - afterFirst).isLessThanOrEqualTo(1);
        assertThat(decoder.decode(token(k1)).block()).isNotNull();

        // a rotation: the new key is seen once the cooldown is over
        RSAKey k2 = key("k2");
        published = new JWKSet(java.util.List.of(k1.toPublicJWK(), k2.toPublicJWK()));
        clock.advance(Duration.ofSeconds(11));
        assertThat(decoder.decode(token(k2)).block()).isNotNull();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
