package dev.sluice.runtime.balance;

import java.util.concurrent.CompletableFuture;

/**
 * A request waiting in a queue for a connection slot: the queue of one server (persistence, or a
 * hashing algorithm that chose a full server) or the backend's queue (any server).
 *
 * <p>{@link #future()} completes exactly once, with a {@link Slot} when one is handed over, or with
 * a {@link Refusal}: {@link Refusal#QUEUE_TIMEOUT} after {@link #expire()},
 * {@link Refusal#CANCELLED} after {@link #cancel()}, {@link Refusal#NO_SERVER} when its server is
 * removed by a reload. It never completes exceptionally. It completes on the thread that released
 * the slot (or expired or cancelled the wait): an event loop continues with
 * {@code future().thenAcceptAsync(..., eventLoop)}.
 *
 * <p>Thread-safe. State changes happen under the backend's queue lock; the future is completed
 * after that lock is released.
 */
public final class Pending implements Acquisition {

    static final int WAITING = 0;
    static final int GRANTED = 1;
    static final int DONE = 2;

    final BackendState backend;
    final long seq;
    final long enqueuedNanos;
    /** The server whose queue holds this request; null for the backend queue. Written under the backend lock. */
    volatile ServerState target;
    Pending prev;
    Pending next;
    /** WAITING, GRANTED or DONE. Guarded by the backend lock. */
    int state = WAITING;
    /** The slot handed over, once GRANTED. Guarded by the backend lock. */
    Slot slot;
    volatile QueueTimer.Timeout timeout;
    private final CompletableFuture<Acquisition> future = new CompletableFuture<>();

    Pending(BackendState backend, ServerState target, long seq) {
        this.backend = backend;
        this.target = target;
        this.seq = seq;
        this.enqueuedNanos = System.nanoTime();
    }

    /** Completes with the {@link Slot} or a {@link Refusal}; never exceptionally. */
    public CompletableFuture<Acquisition> future() {
        return future;
    }

    /** The backend this request waits in. */
    public BackendState backend() {
        return backend;
    }

    /** The server this request waits for, or null when any server of the backend will do. */
    public ServerState server() {
        return target;
    }

    /**
     * The client gave up. A request still queued leaves the queue, its future completes with
     * {@link Refusal#CANCELLED}, and true is returned. When a slot was handed over but had not yet
     * reached the future, the future completes with {@link Refusal#CANCELLED} and the slot goes to
     * the next waiter. When the future already holds the slot, the slot belongs to whoever handles
     * the future, who releases it; nothing changes. Either way false is returned.
     */
    public boolean cancel() {
        return backend.abandon(this, Refusal.CANCELLED);
    }

    /**
     * {@code timeout queue} expired: a request still queued leaves the queue, its future completes
     * with {@link Refusal#QUEUE_TIMEOUT} and true is returned. One that was already handed a slot
     * keeps it (false is returned): the caller goes on with the slot.
     */
    public boolean expire() {
        return backend.expire(this);
    }

    /** How long the request has been (or was) waiting, in nanoseconds. */
    public long waitedNanos() {
        return System.nanoTime() - enqueuedNanos;
    }

    /** Completes the future unless it is already complete; true when this call completed it. */
    boolean complete(Acquisition result) {
        QueueTimer.Timeout t = timeout;
        if (t != null) {
            t.cancel();
        }
        return future.complete(result);
    }

    @Override
    public String toString() {
        return "Pending[" + backend.name() + "#" + seq + "]";
    }
}
