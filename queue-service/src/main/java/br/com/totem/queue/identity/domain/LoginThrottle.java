package br.com.totem.queue.identity.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins of one name tried in one tenant. After {@code maxFailures} failures within
 * {@code window} the name is locked for {@code window}; a success clears it. Kept per name
 * tried (known or not), so an unknown user behaves exactly like a known one.
 */
public record LoginThrottle(int failures, Instant windowStart, Instant lockedUntil) {

    public static LoginThrottle clear(Instant now) {
        return new LoginThrottle(0, now, null);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public Duration retryAfter(Instant now) {
        return isLocked(now) ? Duration.between(now, lockedUntil) : Duration.ZERO;
    }

    public LoginThrottle afterFailure(Instant now, int maxFailures, Duration window) {
        boolean windowOver = windowStart == null || !now.isBefore(windowStart.plus(window));
        int count = windowOver || (lockedUntil != null && !isLocked(now)) ? 1 : failures + 1;
        Instant start = count == 1 ? now : windowStart;
        return new LoginThrottle(count, start, count >= maxFailures ? now.plus(window) : null);
    }
}
