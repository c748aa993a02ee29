package br.com.totem.queue.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import br.com.totem.platform.security.Callers;
import br.com.totem.queue.config.QueueProperties;
import reactor.core.publisher.Mono;

/** Signs the access tokens every service trusts: RS256, {@code kid}, claims sub, tenant, roles, name. */
@Component
public class TokenIssuer {

    private final KeyRing keys;
    private final QueueProperties.Identity props;
    private final Clock clock;

    public TokenIssuer(KeyRing keys, QueueProperties properties, Clock clock) {
        this.keys = keys;
        this.props = properties.identity();
        this.clock = clock;
    }

    public record AccessToken(String token, long expiresInSeconds) {
    }

    public Mono<AccessToken> issue(String subject, String tenant, Collection<String> roles, String name) {
        return keys.signingKey().map(key -> {
            Instant now = clock.instant();
            Instant exp = now.plus(props.accessTokenTtl());
            var claims = new JWTClaimsSet.Builder()
                    .issuer(props.issuer())
                    .subject(subject)
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(exp))
                    .jwtID(UUID.randomUUID().toString())
                    .claim(Callers.TENANT_CLAIM, tenant)
                    .claim(Callers.ROLES_CLAIM, List.copyOf(roles))
                    .claim(Callers.NAME_CLAIM, name)
                    .build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
            try {
                jwt.sign(new RSASSASigner(key.jwk()));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign a token with " + key.kid(), e);
            }
            return new AccessToken(jwt.serialize(), props.accessTokenTtl().toSeconds());
        });
    }
}
