package br.com.totem.platform.security;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Every service is a resource server: it validates the RS256 token against queue-service's
 * JWKS ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, any OIDC issuer can
 * replace it) and the {@link TokenRules} (issuer, audience, which claims carry tenant and roles), maps the {@code roles} claim to {@code ROLE_*} authorities, and answers 401/403
 * as problem+json. Endpoints state their roles with {@code @PreAuthorize}; a service widens
 * the public paths with {@code totem.security.public-paths} and adds rules by path (WebSocket
 * handshakes) with a {@link PathRules} bean.
 */
@AutoConfiguration(before = {org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class SecurityAutoConfiguration {

    static final String[] ALWAYS_PUBLIC = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    /** The issuers, audience and claim names tokens must have ({@code totem.security.jwt.*}). */
    @Bean
    @ConditionalOnMissingBean(TokenRules.class)
    TokenRules totemTokenRules(org.springframework.core.env.Environment env) {
        return TokenRules.from(env);
    }

    /**
     * Validates against the JWKS and the {@link TokenRules} (issuer, audience, expiry), maps the
     * tenant and roles claims, and remembers verified tokens until they expire.
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder totemJwtDecoder(org.springframework.core.env.Environment env, TokenRules rules) {
        String jwks = env.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        // the JWKS is read with timeouts, and made-up key ids cannot make it read again and again (JwksFetchCooldown)
        var http = reactor.netty.http.client.HttpClient.create()
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                .responseTimeout(java.time.Duration.ofSeconds(5));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwks)
                .webClient(org.springframework.web.reactive.function.client.WebClient.builder()
                        .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(http))
                        .filter(new JwksFetchCooldown(env.getProperty("totem.security.jwks-refetch-cooldown",
                                java.time.Duration.class, java.time.Duration.ofSeconds(10)), java.time.Clock.systemUTC()))
                        .build())
                .build();
        decoder.setJwtValidator(rules.validator());
        decoder.setClaimSetConverter(rules.claimMapping());
        return new CachingJwtDecoder(decoder, env.getProperty("totem.security.verified-token-cache", Integer.class, 2000));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain totemSecurity(ServerHttpSecurity http, ProblemWebExceptionHandler problems,
                                         org.springframework.core.env.Environment env,
                                         org.springframework.beans.factory.ObjectProvider<PathRules> pathRules) {
        List<String> publicPaths = List.of(env.getProperty("totem.security.public-paths", String[].class, new String[0]));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // tokens in headers, no cookies: no CSRF surface
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> {
                    ex.pathMatchers(ALWAYS_PUBLIC).permitAll();
                    ex.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    if (!publicPaths.isEmpty()) {
                        ex.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    pathRules.orderedStream().forEach(rules -> rules.apply(ex));
                    ex.anyExchange().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityAutoConfiguration::authentication))
                        .authenticationEntryPoint((exchange, e) -> problems.handle(exchange, unauthorized()))
                        .accessDeniedHandler((exchange, e) -> problems.handle(exchange, forbidden())))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problems.handle(exchange, unauthorized()))
                        .accessDeniedHandler((exchange, e) -> problems.handle(exchange, forbidden())))
                .build();
    }

    public static ProblemException unauthorized() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                "A valid bearer token is required");
    }

    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "Forbidden", "Your role does not allow this action");
    }

    /** Token → authentication with {@code ROLE_*} authorities from the {@code roles} claim. */
    public static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        var authorities = Callers.roles(jwt).stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
