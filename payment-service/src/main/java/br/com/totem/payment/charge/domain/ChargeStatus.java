package br.com.totem.payment.charge.domain;

/**
 * A charge's life in payment-service (not the PSP's own status names).
 * CREATING → ACTIVE → CONFIRMED | EXPIRED | CANCELLED; FLAGGED when a payment did not match
 * (wrong amount) and a person has to look.
 */
public enum ChargeStatus {
    CREATING,
    ACTIVE,
    CONFIRMED,
    EXPIRED,
    CANCELLED,
    FLAGGED;

    public boolean open() {
        return this == CREATING || this == ACTIVE;
    }
}
