package br.com.totem.queue.counter.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The order tickets are called in. Within a service, preferential tickets go first, but never
 * more than {@code maxRun} in a row, so normal tickets are not starved; otherwise first paid,
 * first called. {@code run} is how many preferential tickets the service has called in a row.
 */
public final class QueueOrdering {

    private static final Comparator<Waiting> FIRST_PAID = Comparator.comparing(Waiting::paidAt).thenComparing(Waiting::ticketId);

    private QueueOrdering() {
    }

    /** The next ticket of one service. */
    public static Optional<Waiting> next(List<Waiting> waiting, int run, int maxRun) {
        Optional<Waiting> preferential = waiting.stream().filter(Waiting::preferential).min(FIRST_PAID);
        Optional<Waiting> normal = waiting.stream().filter(w -> !w.preferential()).min(FIRST_PAID);
        if (preferential.isPresent() && (run < maxRun || normal.isEmpty())) {
            return preferential;
        }
        return normal;
    }

    /** The run after calling {@code called}. */
    public static int runAfter(Waiting called, int run) {
        return called.preferential() ? run + 1 : 0;
    }

    /** The whole service's waiting list in the order it will be called (for positions). */
    public static List<Waiting> project(List<Waiting> waiting, int run, int maxRun) {
        List<Waiting> left = new ArrayList<>(waiting);
        List<Waiting> order = new ArrayList<>(waiting.size());
        int r = run;
        while (!left.isEmpty()) {
            Waiting w = next(left, r, maxRun).orElseThrow();
            order.add(w);
            left.remove(w);
            r = runAfter(w, r);
        }
        return order;
    }

    /**
     * The next ticket for a session serving several services: each service proposes its next
     * ticket by the rule above; a preferential proposal goes before a normal one, then the
     * earliest paid.
     */
    public static Optional<Waiting> nextAcross(Map<UUID, List<Waiting>> waitingByService, Map<UUID, Integer> runs, int maxRun) {
        return waitingByService.entrySet().stream()
                .map(e -> next(e.getValue(), runs.getOrDefault(e.getKey(), 0), maxRun))
                .flatMap(Optional::stream)
                .min(Comparator.comparing((Waiting w) -> w.preferential() ? 0 : 1).thenComparing(FIRST_PAID));
    }
}
