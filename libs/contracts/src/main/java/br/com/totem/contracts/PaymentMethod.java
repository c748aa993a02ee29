package br.com.totem.contracts;

/** PIX through the PSP; CASH and CARD are confirmed by a manager at the counter. */
public enum PaymentMethod {
    PIX,
    CASH,
    CARD
}
