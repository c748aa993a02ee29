package br.com.totem.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class UnknownKeyCooldownTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final AtomicInteger jwksReads = new AtomicInteger();
    /** What the issuer publishes now, and what the decoder last read of it. */
    volatile Set<String> jwks = Set.of("k1");
    volatile Set<String> cached = Set.of("k1");

    /** Stands in for Nimbus: a key id it has not cached makes it read the JWKS again, then fail if still unknown. */
    final ReactiveJwtDecoder nimbus = token -> {
        String kid = kidOf(token);
        if (!cached.contains(kid)) {
            jwksReads.incrementAndGet();
            cached = jwks;
            if (!cached.contains(kid)) {
                return Mono.error(new BadJwtException("no matching key"));
            }
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").header("kid", kid).subject("s")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(900)).build());
    };

    static String token(String kid) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"sub\":\"s\"}".getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]*)\".*", "$1");
    }

    @Test
    void madeUpKeyIdsCostOneJwksReadPerCooldownAndKnownKeysAreNeverHeldUp() {
        MutableClock clock = new MutableClock();
        var decoder = new UnknownKeyCooldown(nimbus, Duration.ofSeconds(10), clock);
        assertThat(decoder.decode(token("k1")).block()).isNotNull();

        assertThatThrownBy(() -> decoder.decode(token("made-up-0")).block()).isInstanceOf(BadJwtException.class);
        for (int i = 1; i <= 50; i++) {
            String kid = "made-up-" + i;
            assertThatThrownBy(() -> decoder.decode(token(kid)).block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(jwksReads).hasValue(1);
        // the key that verified before is not held up meanwhile
        assertThat(decoder.decode(token("k1")).block()).isNotNull();

        // a rotation after the cooldown: the new key id costs one JWKS read and is then known
        jwks = Set.of("k1", "k2");
        clock.advance(Duration.ofSeconds(11));
        assertThat(decoder.decode(token("k2")).block()).isNotNull();
        assertThat(jwksReads).hasValue(2);
        assertThatThrownBy(() -> decoder.decode(token("made-up-x")).block()).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode(token("k2")).block()).isNotNull();
        assertThat(jwksReads).hasValue(3);
    }

    static final class MutableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
