package br.com.totem.sandbox.pix;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API, for demos and tests (not part of the BACEN API, no token):
 * pay a charge, inject faults, read the state.
 */
@RestController
@RequestMapping(path = "/sandbox", produces = MediaType.APPLICATION_JSON_VALUE)
public class ControlController {

    private final SandboxState state;
    private final WebhookNotifier notifier;
    private final PixApiController api;

    public ControlController(SandboxState state, WebhookNotifier notifier, PixApiController api) {
        this.state = state;
        this.notifier = notifier;
        this.api = api;
    }

    /**
     * Settles the charge as if a customer paid it and notifies the registered webhook.
     * Body (optional): {@code {"valor": "12.34"}} to pay another amount than the charge's.
     */
    @PostMapping("/cob/{txid}/pay")
    public Map<String, Object> pay(@PathVariable String txid, @RequestBody(required = false) Map<String, Object> body) {
        SandboxState.Cob cob = api.cob(txid);
        SandboxState.Pix pix;
        synchronized (cob) {
            if (!"ATIVA".equals(cob.status)) {
                throw new SandboxError(409, "CobrancaNaoAtiva", "Cobrança não está ativa.",
                        "A cobrança está " + cob.status + " e não pode receber pagamento.", null);
            }
            if (cob.expiredAt(Instant.now())) {
                throw new SandboxError(409, "CobrancaExpirada", "Cobrança expirada.",
                        "A cobrança expirou e não pode receber pagamento.", null);
            }
            String valor = body != null && body.get("valor") != null ? String.valueOf(body.get("valor")) : cob.valor;
            if (!PixApiController.VALOR.matcher(valor).matches()) {
                throw new SandboxError(400, "ValorInvalido", "Valor inválido.", "Use o formato 12.34.", null);
            }
            pix = new SandboxState.Pix(state.newEndToEndId('E'), txid, valor, Instant.now(), cob.chave);
            cob.pix.add(pix);
            cob.status = "CONCLUIDA";
            state.pixByE2e.put(pix.endToEndId, pix);
        }
        notifier.notify(cob.chave, pix);
        return Map.of("txid", txid, "endToEndId", pix.endToEndId, "valor", pix.valor);
    }

    @PutMapping("/faults")
    public SandboxState.Faults putFaults(@RequestBody Map<String, Object> body) {
        SandboxState.Faults faults = new SandboxState.Faults(
                number(body.get("latencyMs")).longValue(),
                number(body.get("errorRate")).doubleValue(),
                Boolean.TRUE.equals(body.get("dropWebhooks")),
                body.get("duplicateWebhooks") instanceof Boolean b ? (b ? 2 : 1) : number(body.get("duplicateWebhooks")).intValue(),
                body.get("unavailableClients") instanceof java.util.Collection<?> c
                        ? c.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()) : java.util.Set.of());
        state.faults = faults;
        return faults;
    }

    @DeleteMapping("/faults")
    public ResponseEntity<Void> clearFaults() {
        state.faults = SandboxState.Faults.NONE;
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/faults")
    public SandboxState.Faults faults() {
        return state.faults;
    }

    /** {@code {"status": "DEVOLVIDO" | "NAO_REALIZADO"}}: the final status of the next devoluções. */
    @PutMapping("/refund-outcome")
    public Map<String, Object> refundOutcome(@RequestBody Map<String, Object> body) {
        String status = String.valueOf(body.get("status"));
        if (!List.of("DEVOLVIDO", "NAO_REALIZADO").contains(status)) {
            throw new SandboxError(400, "StatusInvalido", "Status inválido.", "Use DEVOLVIDO ou NAO_REALIZADO.", null);
        }
        api.refundOutcome = status;
        return Map.of("status", status);
    }

    @GetMapping("/cobs")
    public List<Map<String, Object>> cobs() {
        return state.allCobs().stream().sorted(Comparator.comparing((SandboxState.Cob c) -> c.criacao).reversed())
                .map(SandboxState.Cob::toJson).toList();
    }

    @GetMapping("/stats")
    public Map<String, Object> stats() {
        return Map.of("cobs", state.cobs.size(), "tokensIssued", state.tokensIssued.get(),
                "webhooksSent", state.webhooksSent.get(), "webhooks", state.webhooks.size());
    }

    @ExceptionHandler(SandboxError.class)
    public ResponseEntity<Map<String, Object>> error(SandboxError e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.body());
    }

    private static Number number(Object o) {
        if (o instanceof Number n) {
            return n;
        }
        if (o instanceof String s && !s.isBlank()) {
            return new BigDecimal(s);
        }
        return 0;
    }
}
