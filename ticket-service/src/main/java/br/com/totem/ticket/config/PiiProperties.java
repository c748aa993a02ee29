package br.com.totem.ticket.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code totem.pii.*}: the secrets that protect CPF and phone numbers.
 *
 * @param keys      {@code TOTEM_PII_KEYS}: {@code keyId:base64(32 bytes)}, comma-separated
 * @param activeKey {@code TOTEM_PII_ACTIVE_KEY}: id of the key new values are written with; blank = the first listed
 * @param indexKey  {@code TOTEM_PII_INDEX_KEY}: base64 of ≥ 32 bytes, the HMAC key of the CPF blind index
 */
@Validated
@ConfigurationProperties("totem.pii")
public record PiiProperties(@NotBlank String keys, String activeKey, @NotBlank String indexKey) {

    @Override
    public String toString() {
        return "PiiProperties[activeKey=" + activeKey + "]"; // keys never reach a log or an actuator page
    }
}
