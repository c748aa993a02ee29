package br.com.totem.platform.security;

import java.util.Set;

/**
 * Who is calling, as the token says: a staff user or a device. The tenant always comes from
 * here, never from a header or a body the client sends.
 *
 * @param subject user id or device id ({@code kiosk-1})
 * @param tenant  tenant slug ({@code demo})
 * @param roles   ADMIN, MANAGER, OPERATOR, KIOSK, PANEL
 * @param name    display name for audit records
 */
public record Caller(String subject, String tenant, Set<String> roles, String name) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return roles.contains(Roles.ADMIN) || roles.contains(Roles.MANAGER) || roles.contains(Roles.OPERATOR);
    }
}
