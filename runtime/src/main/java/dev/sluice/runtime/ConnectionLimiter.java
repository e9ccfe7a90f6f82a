package dev.sluice.runtime;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a frontend's (or the whole process's) open connections against its {@code maxconn}:
 * at the limit its listeners stop accepting, so new connections wait in the kernel's backlog,
 * and they accept again as soon as a connection closes. A limit of 0 means none.
 */
final class ConnectionLimiter {

    private final long max;
    private final ConnectionLimiter parent;
    private final AtomicLong active = new AtomicLong();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionLimiter> children = new CopyOnWriteArrayList<>();

    ConnectionLimiter(long max, ConnectionLimiter parent) {
        this.max = max;
        this.parent = parent;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    void attach(Channel listener) {
        listeners.add(listener);
    }

    void opened() {
        long n = active.incrementAndGet();
        if (max > 0 && n >= max) {
            pause(true);
        }
        if (parent != null) {
            parent.opened();
        }
    }

    void closed() {
        long n = active.decrementAndGet();
        if (parent != null) {
            parent.closed();
        }
        if (max == 0 || n < max) {
            resume();
        }
    }

    long active() {
        return active.get();
    }

    private boolean full() {
        return (max > 0 && active.get() >= max) || (parent != null && parent.full());
    }

    private void pause(boolean self) {
        listeners.forEach(l -> l.config().setAutoRead(false));
        children.forEach(c -> c.pause(false));
    }

    private void resume() {
        if (parent != null && parent.full()) {
            return;
        }
        for (ConnectionLimiter c : children) {
            if (!c.full()) {
                c.listeners.forEach(l -> l.config().setAutoRead(true));
            }
        }
        if (!full()) {
            listeners.forEach(l -> l.config().setAutoRead(true));
        }
    }
}
