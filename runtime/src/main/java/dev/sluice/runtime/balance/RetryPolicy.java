package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Balance;

/**
 * What to do after a failed connection attempt, from {@code retries} and {@code option
 * redispatch}, as HAProxy 2.6 decides it.
 *
 * <p>A request makes at most {@code retries + 1} connection attempts. Retry {@code n} (1-based)
 * goes to another server, releasing its slot and selecting again with the failed server avoided,
 * when {@code option redispatch} is set and any of these holds: the server is down; the interval
 * says so (the default -1: on the last retry; P &gt; 0: every P-th retry; N &lt; -1: when
 * {@code n} is a multiple of {@code retries + 1 + N}); or the request is not persistent, the
 * algorithm is {@code roundrobin}, {@code static-rr} or {@code random} and more than one active
 * server is up. Otherwise it retries the same server, after a pause of {@code min(timeout connect,
 * 1s)} when the failure was a connection error rather than a timeout. Immutable.
 *
 * @param retries {@code retries}
 * @param redispatch {@code option redispatch}
 * @param redispatchInterval its argument, -1 by default; 0 redispatches only for the other reasons
 * @param turnaroundMs the pause before retrying the same server: {@code min(timeout connect, 1000)}
 * @param roundRobinKind whether the algorithm is one HAProxy redispatches freely (roundrobin, static-rr, random)
 */
public record RetryPolicy(int retries, boolean redispatch, int redispatchInterval, long turnaroundMs,
        boolean roundRobinKind) {

    /** What to do next. */
    public enum Action {
        /** Retries are exhausted: answer with an error (503 in HTTP). */
        GIVE_UP,
        /** Try the same server again, keeping the slot. */
        RETRY_SAME,
        /** Release the slot and select another server, avoiding the failed one. */
        REDISPATCH
    }

    /**
     * A decision.
     *
     * @param action what to do
     * @param delayMs how long to wait before the next attempt
     */
    public record Decision(Action action, long delayMs) {}

    private static final Decision GIVE_UP = new Decision(Action.GIVE_UP, 0);
    private static final Decision REDISPATCH_NOW = new Decision(Action.REDISPATCH, 0);

    /** The policy of {@code backend}. */
    public static RetryPolicy of(Backend backend) {
        BackendState.Settings s = BackendState.Settings.of(backend, 0);
        Long connect = backend.timeouts().connectMs();
        long turnaround = connect != null && connect > 0 && connect < 1000 ? connect : 1000;
        Balance.Algorithm a = backend.balance().algorithm();
        boolean rr = a == Balance.Algorithm.ROUNDROBIN || a == Balance.Algorithm.STATIC_RR
                || a == Balance.Algorithm.RANDOM;
        return new RetryPolicy(Math.max(0, backend.retries()), s.redispatch(), s.redispatchInterval(), turnaround, rr);
    }

    /**
     * The decision after a failed attempt.
     *
     * @param retriesDone retries already made before this failure (0 when the first attempt failed)
     * @param persistent whether the server came from persistence (cookie, stick table, use-server)
     * @param serverUp whether the failed server is still up
     * @param activeServersUp how many active servers are up in the backend
     * @param connectionError true for a connection error (refused, reset), false for a connect timeout;
     *     only an error is followed by a pause before retrying the same server
     */
    public Decision afterFailure(int retriesDone, boolean persistent, boolean serverUp, int activeServersUp,
            boolean connectionError) {
        if (retriesDone >= retries) {
            return GIVE_UP;
        }
        int n = retriesDone + 1;
        if (redispatch && (!serverUp || byInterval(n) || !persistent && activeServersUp > 1 && roundRobinKind)) {
            boolean wait = connectionError && (!roundRobinKind || activeServersUp <= 1);
            return wait ? new Decision(Action.REDISPATCH, turnaroundMs) : REDISPATCH_NOW;
        }
        return new Decision(Action.RETRY_SAME, connectionError ? turnaroundMs : 0);
    }

    private boolean byInterval(int n) {
        if (redispatchInterval > 0) {
            return n % redispatchInterval == 0;
        }
        if (redispatchInterval < 0) {
            int every = retries + 1 + redispatchInterval;
            return every > 0 && n % every == 0;
        }
        return false;
    }

    /**
     * Whether a request whose persistent server's queue is full ({@link Refusal#QUEUE_FULL}) may be
     * load balanced to another server instead of refused.
     */
    public boolean redispatchWhenQueueFull() {
        return redispatch;
    }
}
