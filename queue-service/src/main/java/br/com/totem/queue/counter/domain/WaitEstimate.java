package br.com.totem.queue.counter.domain;

import java.time.Duration;

/**
 * Estimated wait: position × mean duration of the service's recent sessions (or the catalog
 * duration when there are none yet) ÷ the stations open for it (at least one).
 */
public final class WaitEstimate {

    private WaitEstimate() {
    }

    public static Duration of(int position, Duration meanSession, int openStations) {
        long seconds = position * meanSession.toSeconds() / Math.max(1, openStations);
        return Duration.ofSeconds(seconds);
    }

    /** Whole minutes, rounded up: "about 4 minutes" is better news than it should be when it is 3.2. */
    public static long minutes(Duration wait) {
        return (wait.toSeconds() + 59) / 60;
    }
}
