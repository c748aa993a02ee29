package br.com.totem.payment.provider;

/**
 * A PSP call failed. {@code transientFailure}: the PSP or the network was unavailable (5xx,
 * timeout, connection), so retrying and the circuit breaker apply; otherwise the PSP refused
 * the request (4xx) and repeating it would not help.
 */
public class PspException extends RuntimeException {

    private final int status;
    private final boolean transientFailure;

    public PspException(String message, int status, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFailure = transientFailure;
    }

    public int status() {
        return status;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** Transient failures: what Resilience4j retries and counts against the breaker. */
    public static class Unavailable extends PspException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, true, cause);
        }
    }

    /** The PSP answered and refused (4xx); never retried. */
    public static class Rejected extends PspException {
        public Rejected(String message, int status) {
            super(message, status, false, null);
        }
    }
}
