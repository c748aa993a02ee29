package br.com.totem.payment.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What payment-service reads from a PSP, already normalised (money in centavos). */
public final class PixModels {

    private PixModels() {
    }

    public record CobRequest(String txid, long amountCents, int expirySeconds, String pixKey, String payerMessage) {
    }

    /** A charge as the PSP sees it; {@code pixCopiaECola} is optional (added in API 2.6.0). */
    public record Cob(String txid, String status, long amountCents, String chave, String location, String pixCopiaECola,
                      Instant createdAt, int expirySeconds, List<Pix> pix) {

        public boolean concluded() {
            return "CONCLUIDA".equals(status);
        }

        public Optional<Pix> payment(String endToEndId) {
            return pix.stream().filter(p -> p.endToEndId().equals(endToEndId)).findFirst();
        }
    }

    public record Pix(String endToEndId, String txid, String chave, long amountCents, Instant paidAt, List<Refund> refunds) {
    }

    public record Refund(String id, String rtrId, long amountCents, String status, String reason) {

        public boolean isFinal() {
            return "DEVOLVIDO".equals(status) || "NAO_REALIZADO".equals(status);
        }
    }
}
