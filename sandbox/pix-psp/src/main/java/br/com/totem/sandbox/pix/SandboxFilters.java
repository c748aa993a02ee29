package br.com.totem.sandbox.pix;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a bank does before it answers: injected faults (latency, errors) on the API and the
 * token endpoint, then the bearer token check on {@code /api/**}, then an outage of one
 * receiver's bank (its OAuth client in {@code unavailableClients}).
 */
@Component
@Order(-10)
public class SandboxFilters implements WebFilter {

    /** Exchange attribute: the OAuth2 client (the receiver) the request acts for. */
    public static final String CLIENT = "sandbox.client";

    private final SandboxState state;
    private final JsonMapper json;

    public SandboxFilters(SandboxState state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean api = path.startsWith("/api/");
        if (!api && !path.startsWith("/oauth/")) {
            return chain.filter(exchange);
        }
        SandboxState.Faults faults = state.faults;
        Mono<Void> delay = faults.latencyMs() > 0 ? Mono.delay(Duration.ofMillis(faults.latencyMs())).then() : Mono.empty();
        return delay.then(Mono.defer(() -> {
            if (state.roll(faults.errorRate())) {
                return write(exchange, new SandboxError(503, "ServicoIndisponivel", "Serviço Indisponível",
                        "Serviço não está disponível no momento. Serviço solicitado pode estar em manutenção ou fora da janela de funcionamento.", null));
            }
            SandboxState.Token token = api ? token(exchange) : null;
            if (api && token == null) {
                return write(exchange, new SandboxError(401, "AcessoNegado", "Acesso Negado",
                        "Requisição de participante autenticado que viola alguma regra de autorização.", null));
            }
            String client = api ? token.clientId() : basicClientId(exchange);
            if (client != null && faults.unavailableClients().contains(client)) {
                return write(exchange, new SandboxError(503, "ServicoIndisponivel", "Serviço Indisponível",
                        "Serviço não está disponível no momento. Serviço solicitado pode estar em manutenção ou fora da janela de funcionamento.", null));
            }
            if (token != null) {
                exchange.getAttributes().put(CLIENT, token.clientId());
            }
            return chain.filter(exchange);
        }));
    }

    /** The client id of the token endpoint's Basic credentials (not checked here), or null. */
    private static String basicClientId(ServerWebExchange exchange) {
        String auth = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? decoded.substring(0, colon) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The valid token of the request, or null. */
    private SandboxState.Token token(ServerWebExchange exchange) {
        String auth = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        SandboxState.Token token = state.tokens.get(auth.substring(7).trim());
        return token != null && token.expiresAt().isAfter(Instant.now()) ? token : null;
    }

    Mono<Void> write(ServerWebExchange exchange, SandboxError error) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(error.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsString(error.body()).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
