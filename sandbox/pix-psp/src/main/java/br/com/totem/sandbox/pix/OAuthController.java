package br.com.totem.sandbox.pix;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * OAuth2 client credentials as Sicredi serves it: HTTP Basic client authentication, form body
 * {@code grant_type=client_credentials&scope=...}. Like Sicredi, a {@code grant_type} in the
 * query string is refused with 400.
 */
@RestController
public class OAuthController {

    private final SandboxState state;
    private final SandboxProperties properties;

    public OAuthController(SandboxState state, SandboxProperties properties) {
        this.state = state;
        this.properties = properties;
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange,
                                                           @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (exchange.getRequest().getQueryParams().containsKey("grant_type")) {
            return Mono.just(ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "gerarToken.grantType: O 'grant_type' informado é inválido")));
        }
        String client = basicClient(authorization);
        if (client == null) {
            return Mono.just(ResponseEntity.status(401).body(Map.of("error", "invalid_client")));
        }
        return exchange.getFormData().map(form -> issue(client, form));
    }

    private ResponseEntity<Map<String, Object>> issue(String client, MultiValueMap<String, String> form) {
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        String token = state.randomAlnum(40);
        state.tokens.put(token, new SandboxState.Token(client, Instant.now().plus(properties.tokenTtl())));
        state.tokensIssued.incrementAndGet();
        String scope = form.getFirst("scope") == null ? "cob.read cob.write pix.read pix.write webhook.read webhook.write"
                : form.getFirst("scope");
        return ResponseEntity.ok(Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", properties.tokenTtl().toSeconds(), "scope", scope));
    }

    /** The client id when the Basic credentials are acceptable, else null. */
    private String basicClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String id = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (properties.clients().isEmpty()) {
            return secret.isEmpty() ? null : id;
        }
        return secret.equals(properties.clients().get(id)) ? id : null;
    }
}
