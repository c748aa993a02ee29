package br.com.totem.ticket.lifecycle.domain;

/** The number people see and hear: service prefix plus the day's counter, three digits at least ("G012"). */
public final class QueueNumber {

    private QueueNumber() {
    }

    public static String format(String prefix, int sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        return prefix + String.format("%03d", sequence);
    }
}
