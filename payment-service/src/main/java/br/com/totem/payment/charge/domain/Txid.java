package br.com.totem.payment.charge.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Our Pix txid: the ticket id's 32 hex digits, so creating the charge again after a failure
 * (a retried {@code PUT /cob/{txid}}) addresses the same charge instead of making a second one.
 */
public final class Txid {

    static final Pattern COB_TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");

    private Txid() {
    }

    public static String forTicket(UUID ticketId) {
        String txid = ticketId.toString().replace("-", "");
        if (!COB_TXID.matcher(txid).matches()) {
            throw new IllegalStateException("txid out of the BACEN pattern");
        }
        return txid;
    }

    public static boolean isValid(String txid) {
        return txid != null && COB_TXID.matcher(txid).matches();
    }

    /** The devolução id we use when a cancelled ticket is refunded: stable, so a redelivered event refunds once. */
    public static String refundIdForCancellation(UUID chargeId) {
        return "C" + chargeId.toString().replace("-", "");
    }
}
