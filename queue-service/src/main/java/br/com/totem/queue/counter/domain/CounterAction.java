package br.com.totem.queue.counter.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an operator does to a ticket at the counter, and the states it is allowed from. */
public enum CounterAction {
    RECALL(EnumSet.of(EntryStatus.CALLED)),
    START(EnumSet.of(EntryStatus.CALLED)),
    FINISH(EnumSet.of(EntryStatus.IN_SERVICE)),
    NO_SHOW(EnumSet.of(EntryStatus.CALLED)),
    TRANSFER(EnumSet.of(EntryStatus.WAITING, EntryStatus.CALLED));

    private final Set<EntryStatus> from;

    CounterAction(Set<EntryStatus> from) {
        this.from = from;
    }

    public boolean allowedFrom(EntryStatus status) {
        return from.contains(status);
    }

    /** The path segment: {@code no-show}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CounterAction fromPath(String path) {
        for (CounterAction a : values()) {
            if (a.path().equals(path)) {
                return a;
            }
        }
        throw new IllegalArgumentException(path);
    }
}
