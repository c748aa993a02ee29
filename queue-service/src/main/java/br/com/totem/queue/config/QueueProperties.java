package br.com.totem.queue.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code totem.queue.*}: identity, counter rules and live updates (defaults in application.yml). */
@Validated
@ConfigurationProperties("totem.queue")
public record QueueProperties(@Valid @NotNull Identity identity, @Valid @NotNull Counter counter, @Valid @NotNull Live live) {

    /**
     * @param keySecret            encrypts the signing keys at rest (TOTEM_QUEUE_KEY_SECRET)
     * @param externalJwksUri      tokens whose kid is not ours are checked against this JWKS; blank: refused
     * @param externalIssuer       the {@code iss} those tokens must carry (required with {@code externalJwksUri})
     * @param attemptsPerMinute    login and device-token attempts allowed per (tenant, name, client address) a minute,
     *                             whatever their outcome — the service's own limit, for a route that bypasses the gateway
     * @param attemptsRedisPrefix  Redis keys of those counters
     * @param trustedProxies       addresses or CIDR ranges whose {@code X-Forwarded-For} names the client (the gateway)
     * @param loginDelays          progressive delays after failed logins, per (name, client)
     * @param retention            expired refresh tokens are deleted this long after their expiry
     * @param pinRequiresStaffDevice a PIN login needs a registered staff tablet's token (false: from any client, per address)
     * @param keyAdminTenant       the tenant whose ADMINs may rotate the suite-wide signing key; blank: nobody (automatic rotation only)
     */
    public record Identity(@NotBlank @Size(min = 16, message = "must be at least 16 characters") String keySecret,
                           @NotBlank String issuer, @NotNull Duration accessTokenTtl, @NotNull Duration refreshTokenTtl,
                           @NotNull Duration keyRotationInterval, String externalJwksUri, String externalIssuer,
                           @Valid @NotNull LoginDelays loginDelays,
                           @Min(1) int attemptsPerMinute, @NotBlank String attemptsRedisPrefix, @NotNull List<String> trustedProxies,
                           @NotNull Duration retention, String keyAdminTenant, boolean pinRequiresStaffDevice) {

        /** An external JWKS without its issuer would accept any token its keys signed, whoever issued it. */
        @jakarta.validation.constraints.AssertTrue(message = "external-issuer (TOTEM_QUEUE_EXTERNAL_ISSUER) is required with external-jwks-uri")
        public boolean isExternalIssuerNamed() {
            return externalJwksUri == null || externalJwksUri.isBlank() || (externalIssuer != null && !externalIssuer.isBlank());
        }
    }

    /**
     * Failed logins of one name from one client (address, or the staff tablet of a PIN login): the
     * first {@code freeFailures} cost nothing, then the next attempt waits {@code firstDelay}, twice
     * as long after each further failure, at most {@code maxDelay}; forgotten {@code memory} after
     * the last failure, and at once by a success.
     */
    public record LoginDelays(@Min(0) int freeFailures, @NotNull Duration firstDelay, @NotNull Duration maxDelay,
                              @NotNull Duration memory) {
    }

    /**
     * @param preferentialRun at most this many preferential tickets are called in a row per service
     * @param recallLimit     recalls allowed after the first call
     * @param recentSessions  completed sessions averaged for the wait estimate
     */
    public record Counter(@Min(1) int preferentialRun, @Min(0) @Max(10) int recallLimit, @Min(1) int recentSessions) {
    }

    /**
     * @param redisPrefix       Redis keys and pub/sub channels of the live queue
     * @param clientBuffer      messages buffered for one WebSocket client before it is dropped as too slow
     * @param history           changes kept in Redis for clients that resume from a sequence
     * @param revocationCheck   how often each instance closes its sockets whose login was revoked
     */
    public record Live(@NotBlank String redisPrefix, @NotNull Duration heartbeat, @Min(8) int clientBuffer,
                       @Min(10) int history, @Min(1) int panelRecentCalls, @NotNull Duration revocationCheck) {
    }
}
