package br.com.totem.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class CachingJwtDecoderTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final AtomicInteger verifications = new AtomicInteger();

    /** Stands in for the signature check: "bad…" tokens fail, others expire as their name says. */
    final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            return Mono.error(new BadJwtException("signature"));
        }
        Instant exp = NOW.plusSeconds(Long.parseLong(token.substring(token.indexOf(':') + 1)));
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("kiosk-1")
                .issuedAt(NOW.minusSeconds(1)).expiresAt(exp).build());
    };

    CachingJwtDecoder decoder(Clock clock, int max) {
        return new CachingJwtDecoder(verifier, max, clock);
    }

    @Test
    void whenTheSameTokenComesAgainThenItIsVerifiedOnce() {
        var d = decoder(Clock.fixed(NOW, ZoneOffset.UTC), 10);
        d.decode("a:900").block();
        Jwt again = d.decode("a:900").block();
        assertThat(again.getSubject()).isEqualTo("kiosk-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void whenATokenIsChangedOrInvalidThenItIsVerifiedAndRefused() {
        var d = decoder(Clock.fixed(NOW, ZoneOffset.UTC), 10);
        d.decode("a:900").block();
        assertThatThrownBy(() -> d.decode("bad-a:900").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> d.decode("bad-a:900").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void whenTheCachedTokenHasExpiredThenItIsVerifiedAgain() {
        var d = decoder(Clock.fixed(NOW.plusSeconds(901), ZoneOffset.UTC), 10);
        d.decode("a:900").block();
        d.decode("a:900").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void whenFullThenTheCacheStaysBounded() {
        var d = decoder(Clock.fixed(NOW, ZoneOffset.UTC), 3);
        for (int i = 0; i < 10; i++) {
            d.decode("t" + i + ":900").block();
        }
        assertThat(d.size()).isLessThanOrEqualTo(3);
    }
}
