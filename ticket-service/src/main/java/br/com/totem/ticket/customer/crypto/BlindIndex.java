package br.com.totem.ticket.customer.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds a person by CPF without storing it: HMAC-SHA256 under a secret key of the tenant and
 * the CPF digits. A plain hash would not do: there are only 10⁹ CPFs, all hashed in minutes.
 * The tenant is part of the input, so one person's rows in two tenants cannot be linked.
 */
public final class BlindIndex {

    private final SecretKeySpec key;

    public BlindIndex(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the blind index key must have at least 32 bytes, had " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public static BlindIndex fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TOTEM_PII_INDEX_KEY is not valid base64"); // never echo the key
        }
        return new BlindIndex(key);
    }

    public String of(String tenant, String value) {
        return mac(tenant + "|" + value);
    }

    /** A keyed digest of any text: used where a request holding a CPF must be compared later. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
