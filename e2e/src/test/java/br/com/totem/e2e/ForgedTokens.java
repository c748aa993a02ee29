package br.com.totem.e2e;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import br.com.totem.testkit.TestTokens;

/**
 * The bad tokens of the security suite, each built from a real token of the run (so it differs
 * from a good one in exactly one way): its payload changed with the signature kept; signed by
 * another key under the suite's own {@code kid}; signed by a key the suite has never heard of;
 * {@code alg: none}; and — with the suite's own signing key, read from queue-service's database of
 * this run and opened with this run's {@code TOTEM_QUEUE_KEY_SECRET} as queue-service opens it —
 * expired, or from another issuer. The last two need a suite this JVM started; against a running
 * one they are {@code null} and the suite says so.
 */
final class ForgedTokens {

    private final RSAKey suiteKey;

    private ForgedTokens(RSAKey suiteKey) {
        this.suiteKey = suiteKey;
    }

    static ForgedTokens of(Suite suite) throws Exception {
        if (!suite.startedHere()) {
            return new ForgedTokens(null);
        }
        Map<String, Object> row = suite.row("queue", "select kid, public_jwk, private_key_enc, kdf_salt, iv from signing_key "
                + "where retired_at is null order by created_at desc limit 1");
        if (row == null) {
            throw new IllegalStateException("queue-service has no signing key yet");
        }
        String kid = (String) row.get("kid");
        byte[] pkcs8 = open(Secrets.RUN.get("TOTEM_QUEUE_KEY_SECRET"), kid, (byte[]) row.get("private_key_enc"),
                (byte[]) row.get("kdf_salt"), (byte[]) row.get("iv"));
        var privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new ForgedTokens(new RSAKey.Builder(RSAKey.parse((String) row.get("public_jwk"))).privateKey(privateKey).build());
    }

    /** queue-service's KeyCipher: AES-256-GCM, key from PBKDF2-HMAC-SHA256 (120,000 rounds), the kid as associated data. */
    private static byte[] open(String secret, String kid, byte[] ciphertext, byte[] salt, byte[] iv) throws Exception {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, 120_000, 256)).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(ciphertext);
    }

    boolean haveSuiteKey() {
        return suiteKey != null;
    }

    /** The real token with its roles and tenant changed in the payload, the signature kept. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        Map<String, Object> claims = claims(token);
        claims.put("roles", java.util.List.of("ADMIN", "MANAGER", "OPERATOR", "KIOSK", "PANEL"));
        claims.put("tenant", "outro".equals(claims.get("tenant")) ? "demo" : "outro");
        return parts[0] + "." + b64(ApiSurface.JSON.writeValueAsString(claims)) + "." + parts[2];
    }

    /** The real token's claims under {@code alg: none}, no signature. */
    static String unsigned(String token) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";
    }

    /** The real token's claims signed by a fresh key that claims the suite's kid. */
    static String otherKeySameKid(String token) throws Exception {
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        RSAKey other = new RSAKeyGenerator(2048).keyID(kid).generate();
        return sign(other, claims(token));
    }

    /** A well-formed token of a key the suite does not know (libs/testkit's, another kid and issuer). */
    static String unknownKey(String tenant) {
        return TestTokens.get().token(tenant, "gerente", "MANAGER", "ADMIN");
    }

    /** The real token's claims, expired two minutes ago (past any clock skew), signed with the suite's key. */
    String expired(String token) throws Exception {
        if (suiteKey == null) {
            return null;
        }
        Map<String, Object> claims = claims(token);
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 1_200);
        claims.put("nbf", now - 1_200);
        claims.put("exp", now - 120);
        claims.put("jti", UUID.randomUUID().toString());
        return sign(suiteKey, claims);
    }

    /** The real token's claims with another issuer, signed with the suite's key (a shared key or JWKS must not make it ours). */
    String otherIssuer(String token) throws Exception {
        if (suiteKey == null) {
            return null;
        }
        Map<String, Object> claims = claims(token);
        claims.put("iss", "https://emissor-externo.example");
        claims.put("jti", UUID.randomUUID().toString());
        return sign(suiteKey, claims);
    }

    private static String sign(RSAKey key, Map<String, Object> claims) throws Exception {
        var set = JWTClaimsSet.parse(claims);
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), set);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new LinkedHashMap<>(ApiSurface.JSON.readValue(payload, Map.class));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
