package br.com.totem.payment.provider.bacen;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;

import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.settings.TenantSettings;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth2 client credentials as Sicredi wants them: HTTP Basic client authentication,
 * {@code grant_type} only in the form body (in the query string Sicredi answers 400), over the
 * same mTLS connection. The token is cached until shortly before {@code expires_in}: Sicredi may
 * block an IP that asks for too many; concurrent callers share one request.
 */
@Component
public class OAuthTokens {

    static final Duration SKEW = Duration.ofSeconds(30);

    private final PspHttpClients clients;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Mono<Token>> cache = new ConcurrentHashMap<>();

    record Token(String value, Instant expiresAt) {
    }

    public OAuthTokens(PspHttpClients clients, JsonMapper json, Clock clock) {
        this.clients = clients;
        this.json = json;
        this.clock = clock;
    }

    public Mono<String> token(TenantSettings s) {
        String key = s.tokenUrl() + "|" + s.clientId() + "|" + s.scopes();
        return cache.compute(key, (k, cached) -> cached != null ? cached : fetch(s).cacheInvalidateIf(
                        t -> t.expiresAt().isBefore(clock.instant())))
                .map(Token::value);
    }

    /** After a 401 from the API: the token was revoked or expired early. */
    public void invalidate(TenantSettings s) {
        cache.remove(s.tokenUrl() + "|" + s.clientId() + "|" + s.scopes());
    }

    private Mono<Token> fetch(TenantSettings s) {
        String basic = Base64.getEncoder().encodeToString(
                (s.clientId() + ":" + s.clientSecret()).getBytes(StandardCharsets.UTF_8));
        var form = BodyInserters.fromFormData("grant_type", "client_credentials");
        if (s.scopes() != null && !s.scopes().isBlank()) {
            form = form.with("scope", s.scopes());
        }
        return clients.forTenant(s).post().uri(s.tokenUrl())
                .header("Authorization", "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(form)
                .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                    int status = r.statusCode().value();
                    if (status >= 500 || status == 429) {
                        throw new PspException.Unavailable("token endpoint answered " + status, status, null);
                    }
                    if (status >= 400) {
                        throw new PspException.Rejected("token endpoint refused the client credentials: " + status, status);
                    }
                    JsonNode n = json.readTree(body);
                    String token = BacenPixParser.text(n.path("access_token"));
                    if (token == null) {
                        throw new PspException.Unavailable("token response without access_token", status, null);
                    }
                    long ttl = n.path("expires_in").isNumber() ? n.path("expires_in").asLong() : 300;
                    Duration life = Duration.ofSeconds(ttl).minus(SKEW);
                    return new Token(token, clock.instant().plus(life.isNegative() ? Duration.ofSeconds(ttl / 2) : life));
                }))
                .onErrorMap(e -> !(e instanceof PspException),
                        e -> new PspException.Unavailable("token endpoint unreachable: " + e.getMessage(), 0, e));
    }
}
