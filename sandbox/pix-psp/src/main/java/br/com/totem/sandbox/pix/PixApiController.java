package br.com.totem.sandbox.pix;

import static br.com.totem.sandbox.pix.SandboxError.violacao;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The BACEN API Pix v2 subset payment-service uses, with the spec's field rules and error
 * shapes. Deliberate Sicredi-like deviations: the devolução PUT answers 200 (not 201), and a
 * webhook carrying one devolução sends it as an object (the spec's own example does).
 */
@RestController
@RequestMapping(path = "/api/v2", produces = MediaType.APPLICATION_JSON_VALUE)
public class PixApiController {

    static final Pattern TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");
    static final Pattern DEVOLUCAO_ID = Pattern.compile("[a-zA-Z0-9]{1,35}");
    static final Pattern VALOR = Pattern.compile("\\d{1,10}\\.\\d{2}");
    static final Pattern CPF = Pattern.compile("\\d{11}");
    static final Pattern CNPJ = Pattern.compile("[0-9A-Z]{14}");

    private final SandboxState state;
    private final SandboxProperties properties;
    private final WebhookNotifier notifier;
    volatile String refundOutcome = "DEVOLVIDO";

    public PixApiController(SandboxState state, SandboxProperties properties, WebhookNotifier notifier) {
        this.state = state;
        this.properties = properties;
        this.notifier = notifier;
    }

    // ---- cob ---------------------------------------------------------------------------

    @PutMapping("/cob/{txid}")
    public ResponseEntity<Map<String, Object>> putCob(@PathVariable String txid, @RequestBody Map<String, Object> body,
                                                      ServerWebExchange exchange) {
        String client = client(exchange);
        List<Map<String, String>> v = new ArrayList<>();
        if (!TXID.matcher(txid).matches()) {
            v.add(violacao("O campo cob.txid não respeita o _schema_.", "cob.txid"));
        }
        Map<String, Object> calendario = map(body.get("calendario"));
        Map<String, Object> valor = map(body.get("valor"));
        Object chave = body.get("chave");
        int expiracao = 86400;
        if (calendario == null) {
            v.add(violacao("O campo cob.calendario não respeita o _schema_.", "cob.calendario"));
        } else if (calendario.get("expiracao") != null) {
            if (!(calendario.get("expiracao") instanceof Number n) || n.intValue() <= 0) {
                v.add(violacao("O campo cob.calendario.expiracao é menor ou igual a zero.", "cob.calendario.expiracao"));
            } else {
                expiracao = n.intValue();
            }
        }
        String original = valor == null ? null : str(valor.get("original"));
        if (original == null || !VALOR.matcher(original).matches()) {
            v.add(violacao("O campo cob.valor.original não respeita o _schema_.", "cob.valor.original"));
        } else if (new BigDecimal(original).signum() == 0) {
            v.add(violacao("O campo cob.valor.original é zero.", "cob.valor.original"));
        }
        if (!(chave instanceof String k) || k.isBlank() || k.length() > 77) {
            v.add(violacao("O campo cob.chave não respeita o _schema_.", "cob.chave"));
        }
        String solicitacao = str(body.get("solicitacaoPagador"));
        if (solicitacao != null && solicitacao.length() > 140) {
            v.add(violacao("O campo cob.solicitacaoPagador não respeita o _schema_.", "cob.solicitacaoPagador"));
        }
        Map<String, Object> devedor = map(body.get("devedor"));
        if (devedor != null) {
            String cpf = str(devedor.get("cpf"));
            String cnpj = str(devedor.get("cnpj"));
            if (cpf != null && cnpj != null) {
                v.add(violacao("Não é permitido informar cpf e cnpj ao mesmo tempo.", "cob.devedor"));
            } else if (cpf != null && !CPF.matcher(cpf).matches()) {
                v.add(violacao("O campo cob.devedor.cpf não respeita o _schema_.", "cob.devedor.cpf"));
            } else if (cnpj != null && !CNPJ.matcher(cnpj).matches()) {
                v.add(violacao("O campo cob.devedor.cnpj não respeita o _schema_.", "cob.devedor.cnpj"));
            } else if (cpf == null && cnpj == null && devedor.get("nome") != null) {
                v.add(violacao("Se o campo cob.devedor.nome está preenchido, cpf ou cnpj também devem estar.", "cob.devedor"));
            }
        }
        SandboxState.Cob existing = state.cobs.get(txid);
        if (existing != null && !client.equals(existing.clientId)) {
            v.add(violacao("O txid já é usado por outro recebedor.", "cob.txid"));
        } else if (existing != null && !"ATIVA".equals(existing.status)) {
            v.add(violacao("A cobrança já existe e não está no status ATIVA.", "cob.txid"));
        }
        if (!v.isEmpty()) {
            throw cobInvalida(v);
        }
        SandboxState.Cob cob = existing;
        if (cob == null) {
            long loc = state.nextLocId();
            SandboxState.Cob fresh = new SandboxState.Cob(txid, Instant.now(), loc,
                    properties.locationHost() + "/qr/v2/" + state.randomAlnum(32).toLowerCase());
            fresh.clientId = client;
            cob = state.cobs.putIfAbsent(txid, fresh);
            if (cob == null) {
                cob = fresh;
            } else {
                cob.revisao++;
            }
        } else {
            cob.revisao++;
        }
        synchronized (cob) {
            cob.expiracao = expiracao;
            cob.valor = original;
            cob.chave = (String) chave;
            cob.solicitacaoPagador = solicitacao;
            cob.devedor = devedor;
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(cob.toJson());
    }

    @GetMapping("/cob/{txid}")
    public Map<String, Object> getCob(@PathVariable String txid, ServerWebExchange exchange) {
        return cob(txid, exchange).toJson();
    }

    @PatchMapping("/cob/{txid}")
    public Map<String, Object> patchCob(@PathVariable String txid, @RequestBody Map<String, Object> body,
                                        ServerWebExchange exchange) {
        SandboxState.Cob cob = cob(txid, exchange);
        synchronized (cob) {
            if (!"ATIVA".equals(cob.status)) {
                throw cobInvalida(List.of(violacao("A cobrança não está no status ATIVA.", "cob.status")));
            }
            Object status = body.get("status");
            if (status != null && !"REMOVIDA_PELO_USUARIO_RECEBEDOR".equals(status)) {
                throw cobInvalida(List.of(violacao("O campo cob.status não respeita o _schema_.", "cob.status")));
            }
            Map<String, Object> valor = map(body.get("valor"));
            if (valor != null) {
                String original = str(valor.get("original"));
                if (original == null || !VALOR.matcher(original).matches()) {
                    throw cobInvalida(List.of(violacao("O campo cob.valor.original não respeita o _schema_.", "cob.valor.original")));
                }
                cob.valor = original;
            }
            if (status != null) {
                cob.status = "REMOVIDA_PELO_USUARIO_RECEBEDOR";
            }
            cob.revisao++;
        }
        return cob.toJson();
    }

    @GetMapping("/cob")
    public Map<String, Object> listCobs(@RequestParam(required = false) String inicio, @RequestParam(required = false) String fim,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(name = "paginacao.paginaAtual", defaultValue = "0") int pagina,
                                        @RequestParam(name = "paginacao.itensPorPagina", defaultValue = "100") int itens,
                                        ServerWebExchange exchange) {
        String client = client(exchange);
        List<Map<String, String>> v = new ArrayList<>();
        Instant from = instant(inicio, "inicio", v);
        Instant to = instant(fim, "fim", v);
        if (itens < 1 || itens > 1000) {
            v.add(violacao("O parâmetro paginacao.itensPorPagina não respeita o _schema_.", "paginacao.itensPorPagina"));
        }
        if (!v.isEmpty()) {
            throw SandboxError.invalid("ConsultaInvalida", "Consulta inválida.",
                    "Os parâmetros de consulta não respeitam o _schema_.", v);
        }
        List<SandboxState.Cob> matching = state.allCobs().stream()
                .filter(c -> client.equals(c.clientId))
                .filter(c -> !c.criacao.isBefore(from) && !c.criacao.isAfter(to))
                .filter(c -> status == null || status.equals(c.status))
                .sorted(Comparator.comparing(c -> c.criacao))
                .toList();
        int pages = Math.max(1, (matching.size() + itens - 1) / itens);
        List<Map<String, Object>> page = matching.stream().skip((long) pagina * itens).limit(itens)
                .map(SandboxState.Cob::toJson).toList();
        Map<String, Object> paginacao = Map.of("paginaAtual", pagina, "itensPorPagina", itens,
                "quantidadeDePaginas", pages, "quantidadeTotalDeItens", matching.size());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("parametros", Map.of("inicio", inicio, "fim", fim, "paginacao", paginacao));
        result.put("cobs", page);
        return result;
    }

    // ---- pix and devolução -------------------------------------------------------------

    @GetMapping("/pix/{e2eid}")
    public Map<String, Object> getPix(@PathVariable String e2eid) {
        return pix(e2eid).toJson(false);
    }

    @PutMapping("/pix/{e2eid}/devolucao/{id}")
    public ResponseEntity<Map<String, Object>> putDevolucao(@PathVariable String e2eid, @PathVariable String id,
                                                            @RequestBody Map<String, Object> body) {
        SandboxState.Pix pix = pix(e2eid);
        String valor = str(body.get("valor"));
        SandboxState.Devolucao devolucao;
        synchronized (pix) {
            List<Map<String, String>> v = new ArrayList<>();
            if (!DEVOLUCAO_ID.matcher(id).matches()) {
                v.add(violacao("O campo id não respeita o _schema_.", "id"));
            }
            if (valor == null || !VALOR.matcher(valor).matches() || new BigDecimal(valor).signum() == 0) {
                v.add(violacao("O campo devolucao.valor não respeita o _schema_.", "devolucao.valor"));
            } else if (pix.refunded().add(new BigDecimal(valor)).compareTo(new BigDecimal(pix.valor)) > 0) {
                v.add(violacao("O valor da devolução excede o valor do Pix original.", "devolucao.valor"));
            }
            if (pix.devolucoes.containsKey(id)) {
                v.add(violacao("O id da devolução já foi utilizado para este endToEndId.", "id"));
            }
            if (!v.isEmpty()) {
                throw new SandboxError(400, "PixDevolucaoInvalida", "Devolução inválida.",
                        "A presente requisição de devolução não respeita o _schema_ ou não faz sentido semanticamente.", v);
            }
            devolucao = new SandboxState.Devolucao(id, state.newEndToEndId('D'), valor, Instant.now());
            pix.devolucoes.put(id, devolucao);
        }
        String outcome = refundOutcome;
        Mono.delay(properties.refundDelay(), Schedulers.parallel()).subscribe(t -> {
            devolucao.status = outcome;
            if ("DEVOLVIDO".equals(outcome)) {
                devolucao.liquidacao = Instant.now();
            } else {
                devolucao.motivo = "Devolução recusada pelo sandbox";
            }
            notifier.notify(pix.chave, pix);
        });
        // Sicredi answers 200 here, not the spec's 201
        return ResponseEntity.ok(devolucao.toJson());
    }

    @GetMapping("/pix/{e2eid}/devolucao/{id}")
    public Map<String, Object> getDevolucao(@PathVariable String e2eid, @PathVariable String id) {
        SandboxState.Devolucao d = pix(e2eid).devolucoes.get(id);
        if (d == null) {
            throw SandboxError.notFound("Devolução");
        }
        return d.toJson();
    }

    // ---- webhook -----------------------------------------------------------------------

    @PutMapping("/webhook/{chave}")
    public Map<String, Object> putWebhook(@PathVariable String chave, @RequestBody Map<String, Object> body) {
        String url = str(body.get("webhookUrl"));
        if (chave.length() > 77 || url == null || !validUrl(url)) {
            throw new SandboxError(400, "WebhookOperacaoInvalida", "Webhook inválido.",
                    "A presente requisição busca criar um webhook sem respeitar o _schema_ ou, ainda, com sentido semanticamente inválido.",
                    List.of(violacao("O campo webhookUrl não respeita o _schema_.", "webhookUrl")));
        }
        SandboxState.Webhook webhook = new SandboxState.Webhook(chave, url, Instant.now());
        state.webhooks.put(chave, webhook);
        return webhook.toJson();
    }

    @GetMapping("/webhook/{chave}")
    public Map<String, Object> getWebhook(@PathVariable String chave) {
        SandboxState.Webhook webhook = state.webhooks.get(chave);
        if (webhook == null) {
            throw SandboxError.notFound("Webhook");
        }
        return webhook.toJson();
    }

    @DeleteMapping("/webhook/{chave}")
    public ResponseEntity<Void> deleteWebhook(@PathVariable String chave) {
        if (state.webhooks.remove(chave) == null) {
            throw SandboxError.notFound("Webhook");
        }
        return ResponseEntity.noContent().build();
    }

    // ---- helpers -----------------------------------------------------------------------

    @ExceptionHandler(SandboxError.class)
    public ResponseEntity<Map<String, Object>> error(SandboxError e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.body());
    }

    /** A receiver sees only its own charges: another receiver's txid is simply not found. */
    SandboxState.Cob cob(String txid, ServerWebExchange exchange) {
        SandboxState.Cob cob = cob(txid);
        if (!client(exchange).equals(cob.clientId)) {
            throw SandboxError.notFound("Cobrança");
        }
        return cob;
    }

    static String client(ServerWebExchange exchange) {
        Object client = exchange.getAttribute(SandboxFilters.CLIENT);
        return client == null ? "" : client.toString();
    }

    SandboxState.Cob cob(String txid) {
        SandboxState.Cob cob = state.cobs.get(txid);
        if (cob == null) {
            throw SandboxError.notFound("Cobrança");
        }
        return cob;
    }

    private SandboxState.Pix pix(String e2eid) {
        SandboxState.Pix pix = state.pixByE2e.get(e2eid);
        if (pix == null) {
            throw SandboxError.notFound("Pix");
        }
        return pix;
    }

    private static SandboxError cobInvalida(List<Map<String, String>> violacoes) {
        return SandboxError.invalid("CobOperacaoInvalida", "Cobrança inválida.",
                "A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o _schema_ ou está semanticamente errada.",
                violacoes);
    }

    private static Instant instant(String value, String name, List<Map<String, String>> v) {
        if (value == null) {
            v.add(violacao("O parâmetro " + name + " é obrigatório.", name));
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            v.add(violacao("O parâmetro " + name + " não respeita o _schema_.", name));
            return Instant.EPOCH;
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static String str(Object o) {
        return o instanceof String s ? s : o == null ? null : String.valueOf(o);
    }
}
