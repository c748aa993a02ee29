package br.com.totem.platform.security;

/** The roles of docs/architecture.md. Tokens carry them in the {@code roles} claim, without prefix. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String OPERATOR = "OPERATOR";
    public static final String KIOSK = "KIOSK";
    public static final String PANEL = "PANEL";

    private Roles() {
    }
}
