package br.com.totem.queue.identity.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins of one name from one client ({@code address:…} for passwords and device secrets,
 * {@code device:…} for a PIN typed on a registered staff tablet). The first
 * {@link Policy#freeFailures()} cost nothing; each one after them makes the next attempt wait, twice
 * as long each time ({@link Policy#firstDelay()} … {@link Policy#maxDelay()}). A success clears
 * the count, and so does a quiet {@link Policy#memory()} without failures. Nothing is ever locked
 * for everybody: the key includes the client, so a stranger's guesses only slow the stranger down
 * (issue 12 item 3). Kept per name tried, known or not, so an unknown name behaves exactly like a
 * known one.
 */
public record LoginThrottle(int failures, Instant lastFailure, Instant blockedUntil) {

    /**
     * @param freeFailures failures without any delay (typing errors)
     * @param firstDelay   the wait after the first failure beyond them; each further one doubles it
     * @param maxDelay     the longest wait
     * @param memory       failures older than this (counted from the last one) are forgotten
     */
    public record Policy(int freeFailures, Duration firstDelay, Duration maxDelay, Duration memory) {

        /** The wait after the {@code failures}-th consecutive failure; zero within the free ones. */
        public Duration delayAfter(int failures) {
            int over = failures - freeFailures;
            if (over <= 0) {
                return Duration.ZERO;
            }
            long factor = 1L << Math.min(over - 1, 30);
            Duration delay = firstDelay.multipliedBy(factor);
            return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
        }
    }

    public static LoginThrottle clear() {
        return new LoginThrottle(0, null, null);
    }

    public boolean isBlocked(Instant now) {
        return blockedUntil != null && now.isBefore(blockedUntil);
    }

    public Duration retryAfter(Instant now) {
        return isBlocked(now) ? Duration.between(now, blockedUntil) : Duration.ZERO;
    }

    /** The state once this attempt has failed (recorded before the secret is checked: see AuthService). */
    public LoginThrottle afterFailure(Instant now, Policy policy) {
        boolean forgotten = lastFailure == null || !now.isBefore(lastFailure.plus(policy.memory()));
        int count = forgotten ? 1 : failures + 1;
        Duration delay = policy.delayAfter(count);
        return new LoginThrottle(count, now, delay.isZero() ? null : now.plus(delay));
    }
}
