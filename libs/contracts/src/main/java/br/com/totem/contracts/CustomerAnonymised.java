package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer was anonymised (LGPD art. 18, or the retention period after their last ticket ran out).
 * Every service that holds the customer's display name for one of these tickets replaces it with
 * {@code displayName}, in its tables and in the events it keeps; the tickets themselves stay.
 *
 * @param ticketIds   every ticket of the customer, whatever its status or day
 * @param displayName what the tickets are called from now on ("Anônimo")
 * @param reason      {@code DATA_SUBJECT_REQUEST} or {@code RETENTION}
 */
public record CustomerAnonymised(
    UUID customerId,
    List<UUID> ticketIds,
    String displayName,
    String reason,
    Instant anonymisedAt) implements CustomerEvent {

    public CustomerAnonymised {
        requireNonNull(customerId, "customerId");
        ticketIds = List.copyOf(requireNonNull(ticketIds, "ticketIds"));
        requireNonNull(displayName, "displayName");
        requireNonNull(reason, "reason");
        requireNonNull(anonymisedAt, "anonymisedAt");
    }
}
