package dev.sluice.runtime.balance;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A connection slot on a server: the request counts against the server's {@code maxconn} until
 * {@link #release()}. Releasing hands the slot to the oldest request waiting for this server or
 * for any server of the backend.
 *
 * <p>Thread-safe; {@link #release()} is idempotent, so an abort path and a normal close may both
 * call it.
 */
public final class Slot implements Acquisition {

    private static final AtomicIntegerFieldUpdater<Slot> RELEASED =
            AtomicIntegerFieldUpdater.newUpdater(Slot.class, "released");

    private final ServerState server;
    private volatile int released;

    Slot(ServerState server) {
        this.server = server;
    }

    /** The server the request goes to. */
    public ServerState server() {
        return server;
    }

    /** Gives the slot back; true the first time, false when it was already released. */
    public boolean release() {
        if (!RELEASED.compareAndSet(this, 0, 1)) {
            return false;
        }
        server.backend().release(server);
        return true;
    }

    /** Whether {@link #release()} was called. */
    public boolean isReleased() {
        return released != 0;
    }

    @Override
    public String toString() {
        return "Slot[" + server.backend().name() + "/" + server.name() + (isReleased() ? ", released]" : "]");
    }
}
