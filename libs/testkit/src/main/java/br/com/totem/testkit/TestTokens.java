package br.com.totem.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Signs RS256 tokens shaped like queue-service's (claims {@code iss}, {@code aud}, {@code sub},
 * {@code tenant}, {@code roles}, {@code name}; a {@code kid}) and serves their JWKS over real
 * HTTP, so a service under test validates tokens exactly as in production: fetching the key set
 * and checking issuer and audience. Test contexts point {@code TOTEM_JWKS_URI} here and accept
 * {@link #ISSUER} ({@code TOTEM_JWT_ISSUERS}, see {@link TestInfrastructure#propertiesFor}).
 */
public final class TestTokens {

    /** The {@code iss} of every token signed here. */
    public static final String ISSUER = "totem-test";
    /** The {@code aud} of every token signed here: Totem's default audience. */
    public static final String AUDIENCE = "totem";

    private static volatile TestTokens instance;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            otherKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // no keep-alive: a pooled connection the server has since closed must never be reused
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-jwks");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static TestTokens get() {
        if (instance == null) {
            synchronized (TestTokens.class) {
                if (instance == null) {
                    instance = new TestTokens();
                }
            }
        }
        return instance;
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid 15-minute access token. */
    public String token(String tenant, String subject, String... roles) {
        return sign(key, ISSUER, AUDIENCE, tenant, subject, Duration.ofMinutes(15), roles);
    }

    /** A valid token that expires after {@code ttl}. */
    public String tokenFor(Duration ttl, String tenant, String subject, String... roles) {
        return sign(key, ISSUER, AUDIENCE, tenant, subject, ttl, roles);
    }

    public String expiredToken(String tenant, String subject, String... roles) {
        return sign(key, ISSUER, AUDIENCE, tenant, subject, Duration.ofMinutes(-5), roles);
    }

    /** Same kid, signed by a key that is not in the JWKS: a forgery. */
    public String forgedToken(String tenant, String subject, String... roles) {
        return sign(otherKey, ISSUER, AUDIENCE, tenant, subject, Duration.ofMinutes(15), roles);
    }

    /**
     * Signed by the trusted key but issued by someone else (another application of a shared
     * OIDC issuer): {@code iss} is not an accepted issuer.
     */
    public String otherIssuerToken(String tenant, String subject, String... roles) {
        return sign(key, "https://idp.example.com/other-app", AUDIENCE, tenant, subject, Duration.ofMinutes(15), roles);
    }

    /** Signed by the trusted key and issuer, but meant for another audience (or none: {@code null}). */
    public String otherAudienceToken(String audience, String tenant, String subject, String... roles) {
        return sign(key, ISSUER, audience, tenant, subject, Duration.ofMinutes(15), roles);
    }

    private static String sign(RSAKey signingKey, String issuer, String audience, String tenant, String subject, Duration ttl,
                               String... roles) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant", tenant)
                .claim("roles", List.of(roles))
                .claim("name", subject)
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
