package br.com.totem.platform.security;

/** The roles of docs/architecture.md. Tokens carry them in the {@code roles} claim, without prefix. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String OPERATOR = "OPERATOR";
    public static final String KIOSK = "KIOSK";
    public static final String PANEL = "PANEL";
    /** A registered staff tablet: grants nothing but typing an operator's PIN on it (queue-service's PIN login). */
    public static final String STAFF_DEVICE = "STAFF_DEVICE";

    private Roles() {
    }
}
