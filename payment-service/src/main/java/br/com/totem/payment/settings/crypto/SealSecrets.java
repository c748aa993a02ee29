package br.com.totem.payment.settings.crypto;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts provider secrets for a script that writes {@code provider_settings} itself
 * (scripts/seed.d/30-payment.sh): the same {@link SecretCipher} as the service, run from its source
 * file with the JDK ({@code java -cp libs/platform/target/classes .../SealSecrets.java}: the cipher
 * itself is libs/platform's {@code KeyRing}), no service build needed.
 *
 * <p>Reads lines {@code <tenant> TAB <column> TAB <clear value>} on standard input (never on the
 * command line, which other users of the machine can read) and prints one stored value per line,
 * {@code <keyId>:<base64>}, under the active key of {@code TOTEM_PAYMENT_SECRET_KEYS}
 * ({@code TOTEM_PAYMENT_SECRET_ACTIVE_KEY}, else the first). Exits 2 on a malformed line or missing keys.
 */
public final class SealSecrets {

    private SealSecrets() {
    }

    public static void main(String[] args) throws Exception {
        String keys = System.getenv("TOTEM_PAYMENT_SECRET_KEYS");
        if (keys == null || keys.isBlank()) {
            System.err.println("SealSecrets: TOTEM_PAYMENT_SECRET_KEYS is not set");
            System.exit(2);
        }
        SecretCipher cipher = SecretCipher.fromConfig(keys, System.getenv("TOTEM_PAYMENT_SECRET_ACTIVE_KEY"));
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                System.err.println("SealSecrets: line " + lineNumber + " is not <tenant> TAB <column> TAB <value>");
                System.exit(2);
            }
            System.out.println(cipher.encrypt(parts[2], parts[0], parts[1]));
        }
    }
}
