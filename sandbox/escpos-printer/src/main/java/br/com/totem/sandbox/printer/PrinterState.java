package br.com.totem.sandbox.printer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The simulated printer: its condition (switched through the control API) and the tickets it has
 * printed, newest last (at most {@value #KEPT}).
 */
@Component
public class PrinterState {

    static final int KEPT = 200;

    /**
     * @param offline      the printer is offline (DLE EOT 1 bit 3); print data is not printed
     * @param paperOut     no paper: offline, stopped by paper end, roll sensor "paper absent"
     * @param paperNearEnd the roll is nearly out: still prints, DLE EOT 4 reports 0x0C
     * @param coverOpen    cover open: offline
     * @param slowMs       delay after each chunk of at most 64 bytes read, to simulate a slow printer
     * @param dropAfterBytes when &gt; 0, the next connection is closed by the printer after this many
     *                     bytes (a printer that fails mid-ticket); reset to 0 once used
     */
    public record Condition(boolean offline, boolean paperOut, boolean paperNearEnd, boolean coverOpen, long slowMs,
                            int dropAfterBytes) {

        public static final Condition READY = new Condition(false, false, false, false, 0, 0);

        public boolean canPrint() {
            return !offline && !paperOut && !coverOpen;
        }

        /** The one-byte answer to {@code DLE EOT n}; bits 1 and 4 always on. */
        public int status(int n) {
            int base = 0x12;
            return switch (n) {
                case 1 -> base | (canPrint() ? 0 : 0x08);
                case 2 -> base | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
                case 4 -> base | (paperOut ? 0x60 : 0) | (paperNearEnd || paperOut ? 0x0C : 0);
                default -> base;
            };
        }
    }

    private final Deque<PrintedTicket> tickets = new ArrayDeque<>();
    private final java.util.Map<Long, byte[]> images = new java.util.HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Condition condition = Condition.READY;
    private final AtomicLong discardedBytes = new AtomicLong();

    public Condition condition() {
        return condition;
    }

    public void condition(Condition condition) {
        this.condition = condition;
    }

    /** Takes the pending drop-after setting for one connection, so it hits exactly one job. */
    public synchronized int takeDropAfterBytes() {
        int drop = condition.dropAfterBytes();
        if (drop > 0) {
            condition = new Condition(condition.offline(), condition.paperOut(), condition.paperNearEnd(),
                    condition.coverOpen(), condition.slowMs(), 0);
        }
        return drop;
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    public synchronized void printed(PrintedTicket ticket) {
        tickets.addLast(ticket);
        while (tickets.size() > KEPT) {
            images.remove(tickets.removeFirst().sequence());
        }
    }

    /** A ticket that arrived as an image (CloudPRNT PNG), kept with its picture. */
    public synchronized void printed(PrintedTicket ticket, byte[] image) {
        images.put(ticket.sequence(), image.clone());
        printed(ticket);
    }

    public synchronized java.util.Optional<byte[]> image(long sequence) {
        return java.util.Optional.ofNullable(images.get(sequence));
    }

    public synchronized List<PrintedTicket> tickets() {
        return List.copyOf(tickets);
    }

    public synchronized void clear() {
        tickets.clear();
        images.clear();
        discardedBytes.set(0);
    }

    public void discarded(int bytes) {
        discardedBytes.addAndGet(bytes);
    }

    /** Print data received while the printer could not print (offline, no paper, cover open). */
    public long discardedBytes() {
        return discardedBytes.get();
    }
}
