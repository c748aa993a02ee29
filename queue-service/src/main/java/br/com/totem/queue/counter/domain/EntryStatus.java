package br.com.totem.queue.counter.domain;

/** Where a paid ticket is in the queue. Mirrors ticket-service's states from PAID on. */
public enum EntryStatus {
    WAITING, CALLED, IN_SERVICE, COMPLETED, NO_SHOW, CANCELLED;

    public boolean isActive() {
        return this == CALLED || this == IN_SERVICE;
    }
}
