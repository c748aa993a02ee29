package br.com.totem.ticket.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One version of a tenant's LGPD consent text (pt-BR). Each acceptance stores the version and
 * this text's SHA-256, so what the customer agreed to can be proven even if the text is edited later.
 */
public record ConsentText(int version, String body, String sha256) {

    public static ConsentText of(int version, String body) {
        return new ConsentText(version, body, sha256(body));
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
