package br.com.totem.e2e;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Fresh secrets for one e2e run: nothing of a real or dev deployment is reused. */
final class Secrets {

    private static final SecureRandom random = new SecureRandom();

    static final Map<String, String> RUN = Map.of(
            "TOTEM_PII_KEYS", "e2e:" + base64(32),
            "TOTEM_PII_INDEX_KEY", base64(32),
            "TOTEM_PAYMENT_SECRET_KEYS", "e2e:" + base64(32),
            "TOTEM_QUEUE_KEY_SECRET", base64(24));

    private Secrets() {
    }

    static String base64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
