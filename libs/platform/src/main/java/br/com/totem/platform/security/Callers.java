package br.com.totem.platform.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import reactor.core.publisher.Mono;

/** The current {@link Caller}, read from the validated token in the reactive security context. */
public final class Callers {

    public static final String TENANT_CLAIM = "tenant";
    public static final String ROLES_CLAIM = "roles";
    public static final String NAME_CLAIM = "name";

    private Callers() {
    }

    /** The caller; 401 problem when the request carries no valid token. */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(auth -> auth instanceof JwtAuthenticationToken)
                .map(auth -> from(((JwtAuthenticationToken) auth).getToken()))
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", "A valid token is required")));
    }

    public static Caller from(Jwt jwt) {
        String tenant = jwt.getClaimAsString(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", "The token names no tenant");
        }
        return new Caller(jwt.getSubject(), tenant, roles(jwt), jwt.getClaimAsString(NAME_CLAIM));
    }

    static Set<String> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        Set<String> roles = new HashSet<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(r -> roles.add(String.valueOf(r)));
        } else if (claim instanceof String s) {
            for (String r : s.split("[ ,]")) {
                if (!r.isBlank()) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }
}
