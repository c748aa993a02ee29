package br.com.totem.platform.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

/**
 * Each token with a {@code kid} the JWKS does not hold makes Nimbus fetch the JWKS again, so a
 * stream of made-up key ids was a stream of JWKS requests (issue 12 Low). A token whose key id has
 * not verified yet goes through only if no unknown key id failed in the last {@code cooldown};
 * once one fails, the others are refused at once (401) until the cooldown ends. A key id that
 * verified once is known for good (bounded), so a key rotation costs one JWKS read, not a refusal.
 */
public class UnknownKeyCooldown implements ReactiveJwtDecoder {

    private static final int MAX_KNOWN = 256;

    private final ReactiveJwtDecoder delegate;
    private final Duration cooldown;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastFailedMiss = new AtomicLong(Long.MIN_VALUE / 2);

    public UnknownKeyCooldown(ReactiveJwtDecoder delegate, Duration cooldown, Clock clock) {
        this.delegate = delegate;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String kid = keyId(token);
        if (kid == null || known.contains(kid)) {
            return delegate.decode(token);
        }
        long now = clock.millis();
        if (now - lastFailedMiss.get() < cooldown.toMillis()) {
            return Mono.error(new BadJwtException("Unknown key id: the JWKS is read again at most every " + cooldown.toSeconds() + " s"));
        }
        return delegate.decode(token)
                .doOnNext(jwt -> {
                    if (known.size() >= MAX_KNOWN) {
                        known.clear();
                    }
                    known.add(kid);
                })
                .doOnError(e -> lastFailedMiss.set(clock.millis()));
    }

    private static String keyId(String token) {
        try {
            return JWTParser.parse(token) instanceof SignedJWT signed ? signed.getHeader().getKeyID() : null;
        } catch (ParseException e) {
            return null; // not a JWT: the delegate refuses it
        }
    }
}
