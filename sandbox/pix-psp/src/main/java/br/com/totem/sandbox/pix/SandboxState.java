package br.com.totem.sandbox.pix;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Everything the sandbox bank knows, in memory. It is a sandbox, not a bank: a restart forgets it all. */
@Component
public class SandboxState {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter E2E_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    /** Sicredi's ISPB, so end-to-end ids look like the ones the real bank would send. */
    static final String ISPB = "01181521";

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong locIds = new AtomicLong(1000);
    final Map<String, Cob> cobs = new ConcurrentHashMap<>();
    final Map<String, Pix> pixByE2e = new ConcurrentHashMap<>();
    final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
    final Map<String, Token> tokens = new ConcurrentHashMap<>();
    final AtomicLong tokensIssued = new AtomicLong();
    final AtomicLong webhooksSent = new AtomicLong();
    volatile Faults faults = Faults.NONE;

    public static final class Cob {
        final String txid;
        volatile String clientId;
        final Instant criacao;
        final long locId;
        final String location;
        volatile int expiracao;
        volatile int revisao;
        volatile String status = "ATIVA";
        volatile String valor;
        volatile String chave;
        volatile String solicitacaoPagador;
        volatile Map<String, Object> devedor;
        final List<Pix> pix = new ArrayList<>();

        Cob(String txid, Instant criacao, long locId, String location) {
            this.txid = txid;
            this.criacao = criacao;
            this.locId = locId;
            this.location = location;
        }

        synchronized Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calendario", Map.of("criacao", criacao.toString(), "expiracao", expiracao));
            m.put("txid", txid);
            m.put("revisao", revisao);
            m.put("loc", Map.of("id", locId, "location", location, "tipoCob", "cob", "criacao", criacao.toString()));
            m.put("location", location);
            m.put("status", status);
            if (devedor != null) {
                m.put("devedor", devedor);
            }
            m.put("valor", Map.of("original", valor, "modalidadeAlteracao", 0));
            m.put("chave", chave);
            if (solicitacaoPagador != null) {
                m.put("solicitacaoPagador", solicitacaoPagador);
            }
            if (!pix.isEmpty()) {
                m.put("pix", pix.stream().map(p -> p.toJson(false)).toList());
            }
            return m;
        }

        boolean expiredAt(Instant now) {
            return criacao.plusSeconds(expiracao).isBefore(now);
        }
    }

    public static final class Pix {
        final String endToEndId;
        final String txid;
        final String valor;
        final Instant horario;
        final String chave;
        final Map<String, Devolucao> devolucoes = new LinkedHashMap<>();

        Pix(String endToEndId, String txid, String valor, Instant horario, String chave) {
            this.endToEndId = endToEndId;
            this.txid = txid;
            this.valor = valor;
            this.horario = horario;
            this.chave = chave;
        }

        /** @param webhookShape the webhook example of the spec carries a single devolução as an object */
        synchronized Map<String, Object> toJson(boolean webhookShape) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endToEndId", endToEndId);
            m.put("txid", txid);
            m.put("chave", chave);
            m.put("valor", valor);
            m.put("horario", horario.toString());
            if (!devolucoes.isEmpty()) {
                List<Map<String, Object>> list = devolucoes.values().stream().map(Devolucao::toJson).toList();
                m.put("devolucoes", webhookShape && list.size() == 1 ? list.getFirst() : list);
            }
            return m;
        }

        synchronized BigDecimal refunded() {
            return devolucoes.values().stream().filter(d -> !"NAO_REALIZADO".equals(d.status))
                    .map(d -> new BigDecimal(d.valor)).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public static final class Devolucao {
        final String id;
        final String rtrId;
        final String valor;
        final Instant solicitacao;
        volatile Instant liquidacao;
        volatile String status = "EM_PROCESSAMENTO";
        volatile String motivo;

        Devolucao(String id, String rtrId, String valor, Instant solicitacao) {
            this.id = id;
            this.rtrId = rtrId;
            this.valor = valor;
            this.solicitacao = solicitacao;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("rtrId", rtrId);
            m.put("valor", valor);
            Map<String, Object> horario = new LinkedHashMap<>();
            horario.put("solicitacao", solicitacao.toString());
            if (liquidacao != null) {
                horario.put("liquidacao", liquidacao.toString());
            }
            m.put("horario", horario);
            m.put("status", status);
            if (motivo != null) {
                m.put("motivo", motivo);
            }
            return m;
        }
    }

    /** An issued access token and the client (receiver) it belongs to. */
    public record Token(String clientId, Instant expiresAt) {
    }

    public record Webhook(String chave, String webhookUrl, Instant criacao) {
        Map<String, Object> toJson() {
            return Map.of("webhookUrl", webhookUrl, "chave", chave, "criacao", criacao.toString());
        }
    }

    /**
     * @param latencyMs         added before every API answer
     * @param errorRate         0..1: share of API calls answered 503
     * @param dropWebhooks      settle payments without notifying
     * @param duplicateWebhooks how many times each notification is delivered (0 or 1 = once)
     * @param unavailableClients OAuth clients (receivers, i.e. tenants) for whom the bank is down:
     *                           every token and API call of theirs is answered 503, others go on
     */
    public record Faults(long latencyMs, double errorRate, boolean dropWebhooks, int duplicateWebhooks,
                         java.util.Set<String> unavailableClients) {
        static final Faults NONE = new Faults(0, 0, false, 1, java.util.Set.of());

        public Faults {
            unavailableClients = unavailableClients == null ? java.util.Set.of() : java.util.Set.copyOf(unavailableClients);
            latencyMs = Math.max(0, latencyMs);
            errorRate = Math.max(0, Math.min(1, errorRate));
            duplicateWebhooks = Math.max(1, duplicateWebhooks);
        }
    }

    long nextLocId() {
        return locIds.incrementAndGet();
    }

    String randomAlnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /** E + ISPB (8) + yyyyMMddHHmm (12) + 11 alphanumerics = 32 characters, as the spec's pattern wants. */
    String newEndToEndId(char prefix) {
        return prefix + ISPB + E2E_TIME.format(Instant.now()) + randomAlnum(11);
    }

    boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    Collection<Cob> allCobs() {
        return cobs.values();
    }
}
