package dev.sluice.runtime.stats;

import dev.sluice.runtime.check.CheckStatus;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters: those of {@link Counters}, and what its health checks found. Kept with the
 * server's state, so a reload that keeps the server keeps them.
 */
public final class ServerCounters extends Counters {

    /**
     * The last health check.
     *
     * @param status what it concluded
     * @param code the HTTP status of an HTTP check, or null
     * @param durationMs how long it took
     * @param description what it found, in a few words ({@code last_chk})
     * @param health the health count after it: 0 to rise+fall-1, up from rise on
     * @param atMs when it ended, in milliseconds since the epoch
     */
    public record Check(CheckStatus status, Integer code, long durationMs, String description, int health,
            long atMs) {}

    private final LongAdder failedChecks = new LongAdder();
    private volatile Check lastCheck;

    /** Counts a check's result. */
    public void checked(Check check) {
        if (!check.status().passed()) {
            failedChecks.increment();
        }
        lastCheck = check;
    }

    /** Failed checks ({@code chkfail}). */
    public long failedChecks() {
        return failedChecks.sum();
    }

    /** The last check, or null before the first. */
    public Check lastCheck() {
        return lastCheck;
    }
}
