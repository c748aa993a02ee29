package br.com.totem.queue.counter;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import br.com.totem.platform.trace.Traceparent;
import br.com.totem.queue.counter.domain.QueueEntry;
import reactor.core.publisher.Mono;

/**
 * Where the counter announces a committed change of a tenant's queue; the live channels
 * (operators' tablets, the TV panel) implement it. Announcing is best effort: it never fails the
 * change.
 */
public interface QueueChanges {

    enum Kind {
        ENQUEUED, CALLED, RECALLED, STARTED, COMPLETED, NO_SHOW, TRANSFERRED, CANCELLED;

        /** Kinds the TV panel shows or removes. */
        public boolean forPanel() {
            return this != ENQUEUED;
        }
    }

    /**
     * Tells every client about the change, with the new order of the lines it touched; the push
     * continues the trace of {@code traceparent} (W3C; null: none).
     */
    Mono<Void> publish(String tenant, Kind kind, QueueEntry entry, List<UUID> affectedServices, String traceparent);

    /**
     * The customer of these tickets was anonymised: the changes kept for reconnecting clients stop
     * carrying their old display name. Best effort like {@link #publish}: it never fails the change.
     */
    Mono<Void> renamed(String tenant, Set<UUID> ticketIds, String displayName);

    /** {@link #publish(String, Kind, QueueEntry, List, String)} in the trace of the current span (a request's). */
    default Mono<Void> publish(String tenant, Kind kind, QueueEntry entry, List<UUID> affectedServices) {
        return publish(tenant, kind, entry, affectedServices, Traceparent.current());
    }
}
