package br.com.totem.queue.identity.domain;

import java.util.List;
import java.util.UUID;

/** A person who logs in: manager, admin or operator. The id is the token's {@code sub}. */
public record StaffUser(UUID id, String tenant, String username, String displayName, List<String> roles,
                        String passwordHash, String pinHash, boolean active) {

    public StaffUser {
        roles = List.copyOf(roles);
    }
}
