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
import br.com.totem.platform.security.TokenRules;
import br.com.totem.queue.config.QueueProperties;
import reactor.core.publisher.Mono;

/** Signs the access tokens every service trusts: RS256, {@code kid}, claims iss, aud, sub, tenant, roles, name, sid. */
@Component
public class TokenIssuer {

    /** The OpenID Connect front-channel logout name for "which login this token belongs to". */
    public static final String SESSION_CLAIM = "sid";

    private final KeyRing keys;
    private final QueueProperties.Identity props;
    private final String audience;
    private final Clock clock;

    public TokenIssuer(KeyRing keys, QueueProperties properties, TokenRules rules, Clock clock) {
        this.keys = keys;
        this.props = properties.identity();
        this.audience = rules.audience();
        this.clock = clock;
    }

    public record AccessToken(String token, long expiresInSeconds) {
    }

    /** {@code sid}: the login (refresh-token family) the token belongs to; revoking it closes the token's sockets. */
    public Mono<AccessToken> issue(String subject, String tenant, Collection<String> roles, String name, String sid) {
        return keys.signingKey().map(key -> {
            Instant now = clock.instant();
            Instant exp = now.plus(props.accessTokenTtl());
            var claims = new JWTClaimsSet.Builder()
                    .issuer(props.issuer())
                    .audience(audience)
                    .subject(subject)
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(exp))
                    .jwtID(UUID.randomUUID().toString())
                    .claim(Callers.TENANT_CLAIM, tenant)
                    .claim(Callers.ROLES_CLAIM, List.copyOf(roles))
                    .claim(Callers.NAME_CLAIM, name)
                    .claim(SESSION_CLAIM, sid)
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
