package br.com.totem.payment.webhook.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.payment.provider.bacen.BacenPixParser;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.payment.webhook.WebhookProcessor;
import br.com.totem.payment.webhook.WebhookReceipts;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PSP's callback, {@code POST {registered URL}/pix}. Public (no bearer token: the bank has
 * none); authenticated instead by the tenant's webhook secret, compared in constant time: in the
 * path the bank was given ({@code /webhook/demo/SECRET/pix}, see
 * {@link br.com.totem.payment.webhook.WebhookRegistration#registeredUrl}) or in the
 * {@code X-Webhook-Secret} header ({@code /webhook/pix?tenant=demo}). Never a query parameter: a
 * query string is what proxies, traces and logs keep (issue 12). In production the edge also
 * terminates the bank's mTLS.
 * Items are stored, the bank gets its 200, and the confirming happens afterwards.
 */
@RestController
@RequestMapping("/api/v1/payments/webhook")
@Tag(name = "Webhook Pix", description = "Callback do PSP (BACEN API Pix)")
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final TenantSettingsStore settings;
    private final WebhookReceipts receipts;
    private final WebhookProcessor processor;
    private final JsonMapper json;

    public WebhookController(TenantSettingsStore settings, WebhookReceipts receipts, WebhookProcessor processor, JsonMapper json) {
        this.settings = settings;
        this.receipts = receipts;
        this.processor = processor;
        this.json = json;
    }

    @Operation(summary = "Notificação de Pix recebidos ou devoluções (BACEN WebhookPixBody), segredo no caminho registrado no banco",
            responses = {@ApiResponse(responseCode = "200", description = "Recebido"),
                    @ApiResponse(responseCode = "401", description = "Segredo ausente ou inválido")})
    @PostMapping(path = "/{tenant}/{secret}/pix", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> receiveAtSecretPath(@PathVariable String tenant, @PathVariable String secret,
                                                         @RequestBody(required = false) String body) {
        return receive(tenant, secret, body);
    }

    @Operation(summary = "Notificação de Pix recebidos ou devoluções (BACEN WebhookPixBody), segredo no cabeçalho X-Webhook-Secret",
            responses = {@ApiResponse(responseCode = "200", description = "Recebido"),
                    @ApiResponse(responseCode = "401", description = "Segredo ausente ou inválido")})
    @PostMapping(path = "/pix", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> receiveWithHeader(@Parameter(description = "tenant") @RequestParam(required = false) String tenant,
                                                       @RequestHeader(name = "X-Webhook-Secret", required = false) String header,
                                                       @RequestBody(required = false) String body) {
        return receive(tenant, header, body);
    }

    private Mono<Map<String, Object>> receive(String tenant, String presented, String body) {
        return authenticate(tenant, presented).then(Mono.defer(() -> {
            JsonNode root;
            try {
                root = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            } catch (JacksonException e) {
                return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                        "Malformed request", "The body is not JSON"));
            }
            JsonNode items = root.path("pix");
            if (items.isMissingNode() || items.isNull()) {
                log.info("webhook validation call for tenant {}", tenant);
                return Mono.just(Map.<String, Object>of());
            }
            return receipts.store(tenant, BacenPixParser.items(items))
                    .doOnNext(n -> {
                        log.info("webhook for tenant {}: {} new item(s)", tenant, n);
                        processor.kick();
                    })
                    .thenReturn(Map.<String, Object>of());
        }));
    }

    private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Mono<Void> authenticate(String tenant, String presented) {
        Mono<Void> unauthorized = Mono.error(new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                "Unauthorized", "Webhook secret missing or invalid"));
        // a tenant is a slug: anything else (a NUL that PostgreSQL refuses as text, a line break for the
        // log) names no tenant — it was a 500 found by SecurityFuzzIT (?tenant=%00)
        if (tenant == null || presented == null || !TENANT.matcher(tenant).matches()) {
            return unauthorized;
        }
        return settings.find(tenant)
                // a stored secret that does not decrypt (logged by the store) authenticates nobody
                .onErrorResume(SecretCipher.UnreadableSecret.class, e -> Mono.empty())
                .filter(s -> constantTimeEquals(s.webhookSecret(), presented))
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn("webhook with an invalid secret for tenant {}", tenant);
                    return Mono.empty();
                }))
                .hasElement()
                .flatMap(ok -> ok ? Mono.<Void>empty() : unauthorized);
    }

    /** Compares digests, so neither the content nor the length of the secret leaks through timing. */
    static boolean constantTimeEquals(String expected, String presented) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
