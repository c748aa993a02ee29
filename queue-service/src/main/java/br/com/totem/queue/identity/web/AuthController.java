package br.com.totem.queue.identity.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.security.Callers;
import br.com.totem.platform.security.Roles;
import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.identity.AuthProblems;
import br.com.totem.queue.identity.AuthService;
import br.com.totem.queue.identity.KeyRing;
import br.com.totem.queue.identity.LoginAttempts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "Logins and tokens; the JWKS is at /.well-known/jwks.json")
class AuthController {

    private final AuthService auth;
    private final KeyRing keys;
    private final AuditLog audit;
    private final LoginAttempts attempts;
    private final String issuer;
    private final boolean pinNeedsStaffDevice;
    private final String keyAdminTenant;

    AuthController(AuthService auth, KeyRing keys, AuditLog audit, LoginAttempts attempts, QueueProperties properties) {
        this.auth = auth;
        this.issuer = properties.identity().issuer();
        this.pinNeedsStaffDevice = properties.identity().pinRequiresStaffDevice();
        this.keyAdminTenant = properties.identity().keyAdminTenant() == null ? "" : properties.identity().keyAdminTenant().trim();
        this.attempts = attempts;
        this.keys = keys;
        this.audit = audit;
    }

    record LoginRequest(@NotBlank @Size(max = 64) String tenant, @NotBlank @Size(max = 64) String username,
                        @Size(max = 256) String password, @Size(max = 16) String pin) {
    }

    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    record DeviceTokenRequest(@NotBlank @Size(max = 64) String tenant, @NotBlank @Size(max = 64) String deviceId,
                              @NotBlank @Size(max = 256) String secret) {
    }

    @PostMapping("/login")
    @SecurityRequirements
    @Operation(summary = "Log in with a password, or an operator with a PIN on a registered staff tablet",
            description = """
                    Send either password or pin. A PIN login also needs `Authorization: Bearer <token>` of an active
                    STAFF_DEVICE of the tenant (the tablet's device token, POST /api/v1/auth/device-token): 403
                    staff-device-required without it. Failures are counted per (name, client) — the client address, or
                    the tablet for a PIN — and after the first free ones each further failure makes the next attempt
                    wait, twice as long each time (429 login-locked with Retry-After); another client is never affected.""")
    @ApiResponse(responseCode = "200", description = "access token (15 min) and a rotating refresh token")
    @ApiResponse(responseCode = "401", description = "invalid-credentials: same answer for an unknown user and a wrong secret")
    @ApiResponse(responseCode = "403", description = "staff-device-required: a PIN without the token of an active staff tablet of the tenant")
    @ApiResponse(responseCode = "429", description = "login-locked (a delay after failures from this client) or too-many-requests "
            + "(more than 10 attempts a minute for this name from this address), with Retry-After")
    Mono<AuthService.Tokens> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        boolean password = request.password() != null && !request.password().isEmpty();
        boolean pin = request.pin() != null && !request.pin().isEmpty();
        if (password == pin) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "Informe a senha ou o PIN"));
        }
        String address = attempts.clientAddress(http);
        return attempts.check(request.tenant(), "user:" + request.username(), http)
                .then(Mono.defer(() -> password
                        ? auth.loginWithPassword(request.tenant(), request.username(), request.password(), AuthService.addressClient(address))
                        : staffDevice(request.tenant())
                                .flatMap(deviceId -> auth.loginWithPin(request.tenant(), request.username(), request.pin(), deviceId))
                                .onErrorResume(e -> !pinNeedsStaffDevice && e instanceof ProblemException p
                                                && AuthProblems.STAFF_DEVICE_REQUIRED.equals(String.valueOf(p.toProblemDetail().getType())),
                                        // TOTEM_LOGIN_PIN_REQUIRES_STAFF_DEVICE=false: a PIN without a tablet, counted per address
                                        e -> auth.loginWithPinAnywhere(request.tenant(), request.username(), request.pin(),
                                                AuthService.addressClient(address)))));
    }

    /**
     * The staff tablet a PIN is typed on: the request's own token, issued by us to a device of the
     * same tenant with role STAFF_DEVICE (AuthService then checks it is still registered and active).
     */
    private Mono<String> staffDevice(String tenant) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(a -> a instanceof JwtAuthenticationToken)
                .map(a -> ((JwtAuthenticationToken) a).getToken())
                .filter(jwt -> issuer.equals(jwt.getClaimAsString("iss"))
                        && AuthService.normalise(tenant).equals(jwt.getClaimAsString(Callers.TENANT_CLAIM))
                        && Callers.from(jwt).roles().contains(Roles.STAFF_DEVICE))
                .map(jwt -> jwt.getSubject())
                .switchIfEmpty(Mono.error(br.com.totem.queue.identity.AuthProblems::staffDeviceRequired));
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @Operation(summary = "Trade a refresh token for a new access token and a new refresh token",
            description = "Each refresh token works once; presenting a used one revokes the whole login (reuse detection).")
    Mono<AuthService.Tokens> refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "End the login a refresh token belongs to (its access tokens expire on their own)")
    Mono<Void> logout(@Valid @RequestBody RefreshRequest request) {
        return auth.logout(request.refreshToken());
    }

    @PostMapping("/device-token")
    @SecurityRequirements
    @Operation(summary = "A kiosk, panel or staff tablet exchanges its secret for a token with role KIOSK, PANEL or STAFF_DEVICE",
            description = "Failures are counted per (device, client address): guesses from elsewhere never delay the device itself.")
    @ApiResponse(responseCode = "429", description = "too-many-requests: more than 10 attempts a minute for this device from this address")
    Mono<AuthService.Tokens> deviceToken(@Valid @RequestBody DeviceTokenRequest request, ServerHttpRequest http) {
        return attempts.check(request.tenant(), "device:" + request.deviceId(), http)
                .then(Mono.defer(() -> auth.deviceToken(request.tenant(), request.deviceId(), request.secret(),
                        AuthService.addressClient(attempts.clientAddress(http)))));
    }

    @PostMapping("/keys/rotate")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Start signing with a new key; tokens signed by the old one stay valid until they expire",
            description = "ADMIN of the platform's own tenant (TOTEM_QUEUE_KEY_ADMIN_TENANT) only: the key signs every tenant's tokens. "
                    + "Unset: only the automatic rotation (TOTEM_QUEUE_KEY_ROTATION) rotates.")
    Mono<Map<String, String>> rotate() {
        return Callers.current().filter(caller -> !keyAdminTenant.isBlank() && keyAdminTenant.equals(caller.tenant()))
                // one signing key serves every tenant: a tenant's own ADMIN must not rotate it (issue 12 Low)
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                        "Forbidden", "A chave de assinatura vale para todas as empresas: só um administrador da plataforma"
                                + " (TOTEM_QUEUE_KEY_ADMIN_TENANT) pode trocá-la")))
                .flatMap(caller -> keys.rotate()
                .flatMap(key -> audit.record(caller, "signing-key.rotate", "signing-key", key.kid(), Map.of())
                        .thenReturn(Map.of("kid", key.kid()))));
    }
}
