package br.com.totem.gateway;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code totem.gateway.*}: defaults in the gateway's application.yml. */
@Validated
@ConfigurationProperties("totem.gateway")
public record GatewayProperties(@Min(1) long maxBodyBytes, @NotNull List<String> corsAllowedOrigins,
                                @Valid @NotNull RateLimits rateLimits,
                                /** where customers' phones reach the gateway: the status page QR is {@code <base>/t/<token>} */
                                @NotBlank String publicBaseUrl,
                                /** proxies in front of the gateway whose X-Forwarded-For names the client (addresses or CIDR) */
                                @NotNull List<String> trustedProxies) {

    /**
     * {@code authPerMinutePerAddress} counts logins (guessable PINs and passwords);
     * {@code tokensPerMinutePerAddress} counts device-token, refresh and logout, whose secrets are
     * 256 random bits: a studio pairs and refreshes all its kiosks, panels and tablets from one
     * address. {@code keyPrefix} separates deployments (or test runs) sharing one Redis.
     */
    public record RateLimits(@Min(1) int ticketsPerMinutePerTenant, @Min(1) int authPerMinutePerAddress,
                             @Min(1) int tokensPerMinutePerAddress, @Min(1) int requestsPerMinutePerUser,
                             String keyPrefix) {
        public RateLimits {
            keyPrefix = keyPrefix == null ? "" : keyPrefix;
        }
    }
}
