package dev.sluice.runtime;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a frontend's (or the whole process's) open connections against its {@code maxconn}:
 * at the limit its listeners stop accepting, so new connections wait in the kernel's backlog,
 * and they accept again as soon as a connection closes. A limit of 0 means none.
 *
 * <p>A listener accepts or not by its auto-read setting, which is only ever changed on the
 * listener's own event loop, each time from the limit as it is then: a pause decided on a connection
 * that reached the limit takes effect before the listener accepts again (Netty clears the read
 * interest at once only on the channel's loop), and a late pause cannot undo a later resume.
 */
final class ConnectionLimiter {

    private volatile long max;
    private final ConnectionLimiter parent;
    private final AtomicLong active = new AtomicLong();
    private final CopyOnWriteArrayList<Channel> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ConnectionLimiter> children = new CopyOnWriteArrayList<>();

    ConnectionLimiter(long max, ConnectionLimiter parent) {
        this.max = max;
        this.parent = parent;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    /** Makes {@code listener} follow this limit: it accepts now unless the limit is reached. */
    void attach(Channel listener) {
        listeners.addIfAbsent(listener);
        refresh(listener);
    }

    /** {@code listener} no longer follows this limit (it closes, or a reload gave it to another frontend). */
    void detach(Channel listener) {
        listeners.remove(listener);
    }

    /** A reload changed {@code maxconn}: the listeners pause or accept again as the new limit says. */
    void setMax(long newMax) {
        max = newMax;
        refreshAll();
    }

    /**
     * The frontend is gone: its listeners are detached, and the parent no longer pauses or resumes
     * through it. Connections still open go on counting here and in the parent until they close.
     */
    void retire() {
        listeners.clear();
        if (parent != null) {
            parent.children.remove(this);
        }
    }

    /**
     * Counts a connection a listener just accepted. Called on that listener's event loop, before
     * it accepts the next one, so that reaching the limit stops the accepting at once.
     */
    void opened() {
        long n = active.incrementAndGet();
        if (parent != null) {
            parent.opened();
        }
        if (max > 0 && n >= max) {
            refreshAll();
        }
    }

    void closed() {
        long n = active.decrementAndGet();
        if (parent != null) {
            parent.closed();
        }
        long m = max;
        if (m > 0 && n == m - 1) {
            refreshAll(); // just went below the limit
        }
    }

    long active() {
        return active.get();
    }

    private boolean full() {
        long m = max;
        return (m > 0 && active.get() >= m) || (parent != null && parent.full());
    }

    /** Brings this limiter's listeners, and those of the limiters under it, in line with the limits. */
    private void refreshAll() {
        listeners.forEach(this::refresh);
        children.forEach(ConnectionLimiter::refreshAll);
    }

    private void refresh(Channel listener) {
        if (listener.config().isAutoRead() == !full()) {
            return; // a change under way re-reads the limit when it runs
        }
        EventLoop loop = listener.eventLoop();
        if (loop.inEventLoop()) {
            apply(listener);
        } else {
            loop.execute(() -> apply(listener));
        }
    }

    private void apply(Channel listener) {
        if (listeners.contains(listener)) {
            listener.config().setAutoRead(!full());
        }
    }
}
