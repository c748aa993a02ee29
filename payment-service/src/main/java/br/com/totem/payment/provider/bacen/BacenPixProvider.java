package br.com.totem.payment.provider.bacen;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import br.com.totem.payment.shared.Money;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.settings.TenantSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BACEN API Pix v2 adapter, as Sicredi serves it (and as the pix-psp sandbox imitates it).
 * Every call goes through Resilience4j instances configured as {@value #INSTANCE} in
 * application.yml (one set per tenant, named {@code bacenPix-<tenant>}): time limit, bulkhead,
 * circuit breaker, and retry with exponential backoff and jitter. Retrying is safe because every call here is idempotent: GET, or PUT/PATCH on ids
 * we chose (txid, devolução id).
 */
@Component
public class BacenPixProvider implements PixProvider {

    public static final String INSTANCE = "bacenPix";

    private final PspHttpClients clients;
    private final OAuthTokens tokens;
    private final JsonMapper json;
    private final TimeLimiterRegistry timeLimiters;
    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;

    public BacenPixProvider(PspHttpClients clients, OAuthTokens tokens, JsonMapper json, TimeLimiterRegistry timeLimiters,
                            BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.clients = clients;
        this.tokens = tokens;
        this.json = json;
        this.timeLimiters = timeLimiters;
        this.bulkheads = bulkheads;
        this.breakers = breakers;
        this.retries = retries;
    }

    /**
     * The tenant's own instances, configured as {@value #INSTANCE} in application.yml: one
     * tenant's broken endpoint or certificate never opens the breaker of the others.
     */
    private String instance(TenantSettings t) {
        return INSTANCE + "-" + t.tenantId();
    }

    public CircuitBreaker circuitBreaker(String tenant) {
        return breakers.circuitBreaker(INSTANCE + "-" + tenant, breakers.circuitBreaker(INSTANCE).getCircuitBreakerConfig());
    }

    @Override
    public Mono<PixModels.Cob> createCharge(TenantSettings t, PixModels.CobRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calendario", Map.of("expiracao", r.expirySeconds()));
        body.put("valor", Map.of("original", Money.toBacen(r.amountCents()), "modalidadeAlteracao", 0));
        body.put("chave", r.pixKey());
        if (r.payerMessage() != null) {
            body.put("solicitacaoPagador", r.payerMessage().length() > 140 ? r.payerMessage().substring(0, 140) : r.payerMessage());
        }
        return call(t, HttpMethod.PUT, "/cob/{txid}", body, BacenPixParser::cob, r.txid());
    }

    @Override
    public Mono<PixModels.Cob> getCharge(TenantSettings t, String txid) {
        return call(t, HttpMethod.GET, "/cob/{txid}", null, BacenPixParser::cob, txid);
    }

    @Override
    public Mono<PixModels.Cob> removeCharge(TenantSettings t, String txid) {
        return call(t, HttpMethod.PATCH, "/cob/{txid}", Map.of("status", "REMOVIDA_PELO_USUARIO_RECEBEDOR"),
                BacenPixParser::cob, txid);
    }

    @Override
    public Flux<PixModels.Cob> listCharges(TenantSettings t, Instant from, Instant to) {
        return listPage(t, from, to, 0).expand(page -> page.next() < page.pages()
                        ? listPage(t, from, to, page.next()) : Mono.empty())
                .flatMapIterable(Page::cobs);
    }

    record Page(java.util.List<PixModels.Cob> cobs, int next, int pages) {
    }

    private Mono<Page> listPage(TenantSettings t, Instant from, Instant to, int page) {
        String path = UriComponentsBuilder.fromPath("/cob")
                .queryParam("inicio", from.truncatedTo(ChronoUnit.SECONDS).toString())
                .queryParam("fim", to.truncatedTo(ChronoUnit.SECONDS).toString())
                .queryParam("paginacao.paginaAtual", page)
                .queryParam("paginacao.itensPorPagina", 100)
                .build().toUriString();
        return call(t, HttpMethod.GET, path, null, n -> {
            var cobs = BacenPixParser.items(n.path("cobs")).stream().map(BacenPixParser::cob).toList();
            int pages = n.path("parametros").path("paginacao").path("quantidadeDePaginas").asInt(1);
            return new Page(cobs, page + 1, pages);
        });
    }

    @Override
    public Mono<PixModels.Refund> refund(TenantSettings t, String e2e, String refundId, long amountCents, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valor", Money.toBacen(amountCents));
        if (description != null) {
            body.put("descricao", description.length() > 140 ? description.substring(0, 140) : description);
        }
        return call(t, HttpMethod.PUT, "/pix/{e2eid}/devolucao/{id}", body, BacenPixParser::refund, e2e, refundId);
    }

    @Override
    public Mono<PixModels.Refund> getRefund(TenantSettings t, String e2e, String refundId) {
        return call(t, HttpMethod.GET, "/pix/{e2eid}/devolucao/{id}", null, BacenPixParser::refund, e2e, refundId);
    }

    @Override
    public Mono<Void> registerWebhook(TenantSettings t, String webhookUrl) {
        return call(t, HttpMethod.PUT, "/webhook/{chave}", Map.of("webhookUrl", webhookUrl), n -> n, t.pixKey()).then();
    }

    private <T> Mono<T> call(TenantSettings t, HttpMethod method, String path, Object body, Function<JsonNode, T> parse,
                             Object... vars) {
        if (t.apiBaseUrl() == null || t.tokenUrl() == null) {
            return Mono.error(new PspException.Rejected("tenant " + t.tenantId() + " has no PSP endpoints configured", 0));
        }
        Mono<T> once = Mono.defer(() -> tokens.token(t).flatMap(token -> {
            WebClient.RequestBodySpec request = clients.forTenant(t).method(method)
                    .uri(t.apiBaseUrl() + path, vars)
                    .header("Authorization", "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON);
            WebClient.RequestHeadersSpec<?> spec = body == null ? request
                    : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            return spec.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(text -> {
                int status = r.statusCode().value();
                if (status == 401) {
                    tokens.invalidate(t);
                    throw new PspException.Unavailable(method + " " + path + " → 401, token refreshed", status, null);
                }
                if (status >= 500 || status == 429) {
                    throw new PspException.Unavailable(method + " " + path + " → " + status, status, null);
                }
                if (status >= 400) {
                    throw new PspException.Rejected(method + " " + path + " → " + status + " " + abbreviate(text), status);
                }
                // 200 or 201: Sicredi answers 200 where the spec says 201
                return parse.apply(text.isBlank() ? json.createObjectNode() : json.readTree(text));
            }));
        }).onErrorMap(e -> !(e instanceof PspException) && !(e instanceof TimeoutException),
                e -> new PspException.Unavailable(method + " " + path + " failed: " + e.getMessage(), 0, e)));
        String name = instance(t);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(name, timeLimiters.timeLimiter(INSTANCE).getTimeLimiterConfig());
        Bulkhead bulkhead = bulkheads.bulkhead(name, bulkheads.bulkhead(INSTANCE).getBulkheadConfig());
        CircuitBreaker breaker = circuitBreaker(t.tenantId());
        Retry retry = retries.retry(name, retries.retry(INSTANCE).getRetryConfig());
        return once
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(TimeoutException.class, e -> new PspException.Unavailable(method + " " + path + " timed out", 0, e))
                .onErrorMap(CallNotPermittedException.class, e -> new PspException.Unavailable("circuit breaker open", 0, e))
                .onErrorMap(BulkheadFullException.class, e -> new PspException.Unavailable("too many concurrent PSP calls", 0, e));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
