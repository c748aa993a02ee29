package br.com.totem.payment.settings.crypto;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code totem.payment.secrets.*}: the keys that encrypt the providers' secrets at rest.
 *
 * @param keys              {@code TOTEM_PAYMENT_SECRET_KEYS}: {@code keyId:base64(32 bytes)}, comma-separated;
 *                          every key that may have written a stored value
 * @param activeKey         {@code TOTEM_PAYMENT_SECRET_ACTIVE_KEY}: id of the key new values are written with;
 *                          blank = the first listed
 * @param reEncryptInterval how often clear values (from before encryption, or an operator's UPDATE) and
 *                          values under an older key are rewritten under the active key
 */
@Validated
@ConfigurationProperties("totem.payment.secrets")
public record SecretKeysProperties(@NotBlank String keys, String activeKey, @NotNull Duration reEncryptInterval) {

    @Override
    public String toString() {
        return "SecretKeysProperties[activeKey=" + activeKey + "]"; // keys never reach a log or an actuator page
    }
}
