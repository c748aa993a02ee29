package br.com.totem.queue.identity;

import java.text.ParseException;
import java.util.Set;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import br.com.totem.platform.security.TokenRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * queue-service validates tokens against its own key ring rather than fetching its own JWKS
 * over HTTP; they must carry our issuer and the suite's audience. A token whose kid is not ours
 * goes to the external issuer's JWKS when one is configured, and is refused otherwise; such a
 * token must carry that issuer's {@code iss} and the audience, and its tenant and roles are read
 * from the configured claims only ({@link TokenRules}).
 */
public class QueueJwtDecoder implements ReactiveJwtDecoder {

    private final KeyRing keys;
    private final ReactiveJwtDecoder own;
    private final ReactiveJwtDecoder external;

    public QueueJwtDecoder(KeyRing keys, String issuer, TokenRules rules, String externalJwksUri, String externalIssuer) {
        this.keys = keys;
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.defer(() -> keys.verificationKey(kid(jwt)).map(k -> (JWK) k).flux()))
                .build();
        decoder.setJwtValidator(TokenRules.forIssuer(issuer, rules.audience()).validator());
        this.own = decoder;
        if (externalJwksUri == null || externalJwksUri.isBlank()) {
            this.external = null;
        } else {
            TokenRules externalRules = rules.withIssuers(Set.of(externalIssuer));
            NimbusReactiveJwtDecoder other = NimbusReactiveJwtDecoder.withJwkSetUri(externalJwksUri).build();
            other.setJwtValidator(externalRules.validator());
            other.setClaimSetConverter(externalRules.claimMapping());
            this.external = other;
        }
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String kid;
        try {
            if (!(JWTParser.parse(token) instanceof SignedJWT signed)) {
                return Mono.error(new BadJwtException("unsigned token"));
            }
            kid = signed.getHeader().getKeyID();
        } catch (ParseException e) {
            return Mono.error(new BadJwtException("malformed token", e));
        }
        if (external == null) {
            return own.decode(token);
        }
        return keys.verificationKey(kid).hasElement().flatMap(ours -> ours ? own.decode(token) : external.decode(token));
    }

    private static String kid(SignedJWT jwt) {
        return jwt.getHeader().getKeyID();
    }
}
