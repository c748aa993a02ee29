package br.com.totem.payment.provider;

import java.time.Instant;

import br.com.totem.payment.settings.TenantSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The port to a Pix PSP (BACEN API Pix v2). Every operation is idempotent by the ids we choose
 * (txid, devolução id), so callers may retry any of them. Errors are {@link PspException}s.
 */
public interface PixProvider {

    /** {@code PUT /cob/{txid}}: creates (or, when still ATIVA, revises) the immediate charge. */
    Mono<PixModels.Cob> createCharge(TenantSettings tenant, PixModels.CobRequest request);

    /** {@code GET /cob/{txid}}. */
    Mono<PixModels.Cob> getCharge(TenantSettings tenant, String txid);

    /** {@code PATCH /cob/{txid}} with status REMOVIDA_PELO_USUARIO_RECEBEDOR. */
    Mono<PixModels.Cob> removeCharge(TenantSettings tenant, String txid);

    /** {@code GET /cob?inicio&fim}, every page. */
    Flux<PixModels.Cob> listCharges(TenantSettings tenant, Instant from, Instant to);

    /** {@code PUT /pix/{e2eid}/devolucao/{id}}. */
    Mono<PixModels.Refund> refund(TenantSettings tenant, String endToEndId, String refundId, long amountCents, String description);

    /** {@code GET /pix/{e2eid}/devolucao/{id}}. */
    Mono<PixModels.Refund> getRefund(TenantSettings tenant, String endToEndId, String refundId);

    /** {@code PUT /webhook/{chave}}. */
    Mono<Void> registerWebhook(TenantSettings tenant, String webhookUrl);
}
