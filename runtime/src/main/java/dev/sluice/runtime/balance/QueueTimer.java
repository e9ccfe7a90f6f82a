package dev.sluice.runtime.balance;

/**
 * Schedules the expiry of queued requests ({@code timeout queue}). The Netty layer adapts its event
 * loop: {@code (task, ms) -> { var f = loop.schedule(task, ms, MILLISECONDS); return () -> f.cancel(false); }}.
 */
@FunctionalInterface
public interface QueueTimer {

    /** Runs {@code task} once after {@code delayMs}; the returned handle cancels it. */
    Timeout schedule(Runnable task, long delayMs);

    /** A scheduled expiry. */
    @FunctionalInterface
    interface Timeout {
        /** Cancels the expiry if it has not run; harmless otherwise. */
        void cancel();
    }
}
