package br.com.totem.gateway.security;

import static br.com.totem.platform.security.Roles.ADMIN;
import static br.com.totem.platform.security.Roles.KIOSK;
import static br.com.totem.platform.security.Roles.MANAGER;
import static br.com.totem.platform.security.Roles.OPERATOR;
import static br.com.totem.platform.security.Roles.PANEL;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.POST;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import br.com.totem.gateway.GatewayProperties;
import br.com.totem.gateway.web.WebApps;
import br.com.totem.platform.problem.ProblemWebExceptionHandler;
import br.com.totem.platform.security.SecurityAutoConfiguration;

/**
 * Role rules of the public API table (docs/architecture.md), checked at the door; services check
 * them again with the relayed token. Everything not listed as public needs a valid token.
 */
@Configuration
public class GatewaySecurityConfiguration {

    static final String[] STAFF = {ADMIN, MANAGER, OPERATOR};
    static final String[] MANAGERS = {ADMIN, MANAGER};

    /**
     * The policy of every other answer (the API, Swagger UI); the web apps send their stricter
     * one ({@link WebApps#CONTENT_SECURITY_POLICY}).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ProblemWebExceptionHandler problems,
                                           GatewayProperties properties) {
        // the Authorization header only: QueryTokenWebFilter has moved a WebSocket's ?access_token= into it
        // and removed the parameter from every other request
        var bearer = new ServerBearerTokenAuthenticationConverter();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens, no cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(cors(properties.corsAllowedOrigins())))
                .headers(h -> h
                        .contentTypeOptions(c -> { })
                        .frameOptions(f -> f.mode(Mode.DENY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true)))
                .authorizeExchange(ex -> ex
                        .pathMatchers(OPTIONS, "/**").permitAll()
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers(GET, "/", "/favicon.ico", "/t/*", "/t/*/qr.svg", "/shared/**").permitAll()
                        .pathMatchers(GET, WebApps.APPS.stream().flatMap(app -> java.util.stream.Stream.of("/" + app, "/" + app + "/**"))
                                .toArray(String[]::new)).permitAll()
                        .pathMatchers("/api/v1/auth/**", "/api/v1/payments/webhook/**", "/api/v1/public/**").permitAll()
                        // CloudPRNT printers authenticate with their own token (HTTP Basic), checked by print-service
                        .pathMatchers("/api/v1/cloudprnt").permitAll()
                        .pathMatchers(GET, "/.well-known/jwks.json").permitAll()
                        .pathMatchers("/fallback/**").permitAll()
                        // catalog and consent
                        .pathMatchers(GET, "/api/v1/services").hasAnyRole(KIOSK, PANEL, ADMIN, MANAGER, OPERATOR)
                        .pathMatchers(GET, "/api/v1/services/**", "/api/v1/consents/**").hasAnyRole(KIOSK, ADMIN, MANAGER, OPERATOR)
                        .pathMatchers("/api/v1/services/**", "/api/v1/consents/**").hasAnyRole(MANAGERS)
                        // tickets
                        .pathMatchers(POST, "/api/v1/tickets").hasRole(KIOSK)
                        .pathMatchers(POST, "/api/v1/tickets/*/cancel").hasAnyRole(MANAGERS)
                        .pathMatchers(POST, "/api/v1/tickets/*/reprint").hasAnyRole(STAFF)
                        .pathMatchers(GET, "/api/v1/tickets/**").hasAnyRole(KIOSK, ADMIN, MANAGER, OPERATOR)
                        .pathMatchers("/api/v1/customers/**").hasAnyRole(MANAGERS)
                        // payments
                        .pathMatchers(POST, "/api/v1/payments/link").hasRole(KIOSK)
                        .pathMatchers(POST, "/api/v1/payments/manual", "/api/v1/payments/*/refund").hasAnyRole(MANAGERS)
                        .pathMatchers(GET, "/api/v1/payments/reconciliation").hasAnyRole(MANAGERS)
                        .pathMatchers(GET, "/api/v1/payments/**").hasAnyRole(STAFF)
                        // the queue and the counter
                        .pathMatchers(GET, "/api/v1/queue").hasAnyRole(STAFF)
                        // the counter itself is the operator's: a manager watches and closes sessions
                        .pathMatchers(POST, "/api/v1/queue/sessions", "/api/v1/queue/call-next", "/api/v1/queue/tickets/**")
                        .hasRole(OPERATOR)
                        .pathMatchers("/api/v1/queue/**").hasAnyRole(OPERATOR, MANAGER, ADMIN)
                        .pathMatchers("/ws/queue").hasAnyRole(OPERATOR, MANAGER, ADMIN)
                        .pathMatchers("/ws/panel").hasRole(PANEL)
                        // setup (operators read the stations to open a session)
                        .pathMatchers(GET, "/api/v1/stations/**").hasAnyRole(STAFF)
                        .pathMatchers("/api/v1/stations/**", "/api/v1/printers/**", "/api/v1/devices/**",
                                "/api/v1/users/**").hasAnyRole(MANAGERS)
                        // the kiosk that sold a ticket learns its print outcome (print-service narrows it to its own sales)
                        .pathMatchers(GET, "/api/v1/print-jobs").hasAnyRole(KIOSK, ADMIN, MANAGER, OPERATOR)
                        .pathMatchers(GET, "/api/v1/print-jobs/**").hasAnyRole(STAFF)
                        // reports
                        .pathMatchers(POST, "/api/v1/reports/rebuild").hasRole(ADMIN)
                        .pathMatchers("/api/v1/reports/**", "/api/v1/metrics.csv", "/api/v1/dashboard").hasAnyRole(MANAGERS)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenConverter(bearer)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityAutoConfiguration::authentication))
                        .authenticationEntryPoint((exchange, e) -> problems.handle(exchange, SecurityAutoConfiguration.unauthorized()))
                        .accessDeniedHandler((exchange, e) -> problems.handle(exchange, SecurityAutoConfiguration.forbidden())))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problems.handle(exchange, SecurityAutoConfiguration.unauthorized()))
                        .accessDeniedHandler((exchange, e) -> problems.handle(exchange, SecurityAutoConfiguration.forbidden())))
                .build();
    }

    static CorsConfigurationSource cors(List<String> allowedOrigins) {
        var config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "traceparent"));
        config.setExposedHeaders(List.of("Retry-After", "Location"));
        config.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
