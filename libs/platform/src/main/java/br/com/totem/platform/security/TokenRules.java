package br.com.totem.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * What a token must say before any service believes it (issue 12, item 5): who issued it
 * ({@code iss} one of {@code issuers}), that it was meant for Totem ({@code aud} contains
 * {@code audience}), and where its tenant and roles are. A JWKS alone only proves that some key of
 * an issuer signed the token; a shared OIDC issuer signs tokens for many applications, whose users
 * may choose claims named {@code tenant} or {@code roles}. So:
 * <ul>
 *   <li>{@code iss} and {@code aud} are checked on every token, with the signature and expiry;</li>
 *   <li>the tenant and roles are read only from the claims named here ({@code tenantClaim},
 *       {@code rolesClaim}, a dotted path reaches into an object such as Keycloak's
 *       {@code realm_access.roles}) and written to Totem's own {@code tenant} and {@code roles}
 *       claims, replacing whatever the token carried under those names.</li>
 * </ul>
 * The defaults fit queue-service's own tokens: issuer {@code TOTEM_QUEUE_ISSUER}, audience
 * {@code totem}, claims {@code tenant} and {@code roles}.
 *
 * @param issuers     accepted {@code iss} values ({@code TOTEM_JWT_ISSUERS})
 * @param audience    the {@code aud} every accepted token must contain ({@code TOTEM_JWT_AUDIENCE})
 * @param tenantClaim the claim that carries the tenant ({@code TOTEM_JWT_TENANT_CLAIM})
 * @param rolesClaim  the claim that carries the roles ({@code TOTEM_JWT_ROLES_CLAIM})
 */
public record TokenRules(Set<String> issuers, String audience, String tenantClaim, String rolesClaim) {

    public static final String ISSUERS = "totem.security.jwt.issuers";
    public static final String AUDIENCE = "totem.security.jwt.audience";
    public static final String TENANT_CLAIM = "totem.security.jwt.tenant-claim";
    public static final String ROLES_CLAIM = "totem.security.jwt.roles-claim";

    public static final String DEFAULT_AUDIENCE = "totem";

    public TokenRules {
        issuers = Set.copyOf(issuers);
        if (issuers.isEmpty() || issuers.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(ISSUERS + " must name at least one issuer");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(AUDIENCE + " must not be blank");
        }
        if (tenantClaim == null || tenantClaim.isBlank() || rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException(TENANT_CLAIM + " and " + ROLES_CLAIM + " must not be blank");
        }
    }

    /** Rules for tokens of one issuer, with Totem's own audience and claim names. */
    public static TokenRules forIssuer(String issuer, String audience) {
        return new TokenRules(Set.of(issuer), audience, Callers.TENANT_CLAIM, Callers.ROLES_CLAIM);
    }

    /** The rules configured for this service (defaults in platform-defaults.yml). */
    public static TokenRules from(Environment env) {
        String[] issuers = env.getProperty(ISSUERS, String[].class, new String[0]);
        return new TokenRules(Set.copyOf(Arrays.stream(issuers).map(String::trim).filter(s -> !s.isEmpty()).toList()),
                env.getProperty(AUDIENCE, DEFAULT_AUDIENCE), env.getProperty(TENANT_CLAIM, Callers.TENANT_CLAIM),
                env.getProperty(ROLES_CLAIM, Callers.ROLES_CLAIM));
    }

    /** The same rules for another set of issuers (queue-service's external issuer). */
    public TokenRules withIssuers(Set<String> otherIssuers) {
        return new TokenRules(otherIssuers, audience, tenantClaim, rolesClaim);
    }

    /** Expiry and not-before (Spring's defaults), then issuer and audience. */
    public OAuth2TokenValidator<Jwt> validator() {
        return JwtValidators.createDefaultWithValidators(List.of(this::validateIssuer, new JwtAudienceValidator(audience)));
    }

    private OAuth2TokenValidatorResult validateIssuer(Jwt jwt) {
        Object iss = jwt.getClaims().get(JwtClaimNames.ISS);
        if (iss != null && issuers.contains(iss.toString())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token's issuer is not accepted", null));
    }

    /**
     * Spring's claim conversions, then the tenant and roles copied from the configured claims into
     * {@code tenant} and {@code roles} (removed when the configured claim is absent).
     */
    public Converter<Map<String, Object>, Map<String, Object>> claimMapping() {
        MappedJwtClaimSetConverter standard = MappedJwtClaimSetConverter.withDefaults(Map.of());
        return claims -> map(standard.convert(claims));
    }

    Map<String, Object> map(Map<String, Object> claims) {
        if (tenantClaim.equals(Callers.TENANT_CLAIM) && rolesClaim.equals(Callers.ROLES_CLAIM)) {
            return claims;
        }
        Map<String, Object> mapped = new HashMap<>(claims);
        put(mapped, Callers.TENANT_CLAIM, find(claims, tenantClaim));
        put(mapped, Callers.ROLES_CLAIM, roles(find(claims, rolesClaim)));
        return mapped;
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
    }

    private static Object find(Map<String, Object> claims, String path) {
        Object value = claims.get(path);
        if (value != null || !path.contains(".")) {
            return value;
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Object roles(Object value) {
        if (value instanceof Collection<?> c) {
            List<String> roles = new ArrayList<>();
            c.forEach(r -> roles.add(String.valueOf(r)));
            return roles;
        }
        return value;
    }
}
