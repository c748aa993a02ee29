package br.com.totem.contracts;

/** Outcome of a Pix devolução, with the BACEN API's own status names. */
public enum RefundStatus {
    DEVOLVIDO,
    NAO_REALIZADO
}
