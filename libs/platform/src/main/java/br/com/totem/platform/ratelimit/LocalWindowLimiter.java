package br.com.totem.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter in this instance's memory: the fallback of a limit that normally lives in
 * Redis (shared by every instance), so that while Redis fails a limit that protects secrets — logins,
 * device tokens — still holds on each instance instead of failing open (issue 12 item 8). Our own few
 * lines: no library on the classpath offers a plain per-key window, and the keys are bounded (expired
 * windows are dropped once the map holds {@code maxKeys}).
 */
public final class LocalWindowLimiter {

    /** The outcome of one counted attempt: its number in the window and the milliseconds left in it. */
    public record Count(long count, long millisLeft) {
    }

    private final Clock clock;
    private final Duration window;
    private final int maxKeys;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public LocalWindowLimiter(Clock clock, Duration window, int maxKeys) {
        this.clock = clock;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** Counts one attempt for {@code key} in its current window. */
    public Count count(String key) {
        long now = clock.millis();
        long span = window.toMillis();
        if (windows.size() > maxKeys) {
            windows.values().removeIf(w -> w[0] + span <= now);
        }
        long[] w = windows.compute(key, (k, old) -> old == null || old[0] + span <= now
                ? new long[] {now, 1} : new long[] {old[0], old[1] + 1});
        return new Count(w[1], w[0] + span - now);
    }

    /** Counts one attempt; true while the window holds at most {@code limit} of them. */
    public boolean tryAcquire(String key, int limit) {
        return count(key).count() <= limit;
    }
}
