package dev.sluice.runtime;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * The time as an event loop sees it: the system clock is read at most once per turn of the loop
 * (the first time it is asked for after the loop wakes up), and everything the loop does in that
 * turn, for every connection it serves, sees that reading. HAProxy keeps its time the same way.
 * Each read and write marks its connection active, and each request counts in rates: reading the
 * clock for each of them cost about 0.1 µs of the 1.4 µs a TCP-mode request takes Sluice outside
 * the kernel (bench/README.md).
 *
 * <p>A reading is never later than the real time and at most one turn earlier (the time the loop
 * takes over what it found ready, well under a millisecond at the loads of bench/run.sh), so a
 * timeout measured from it may end that much early, never late. Off such a loop (any other
 * thread, or a loop not made by {@link Transport#group}) the calls read the system clock.
 */
public final class LoopClock {

    private static final FastThreadLocal<LoopClock> CURRENT = new FastThreadLocal<>();

    private long nanos;
    private long millis;
    /** Whether {@link #nanos} and {@link #millis} were read in this turn. */
    private boolean read;

    LoopClock() {
    }

    /** {@link System#nanoTime()} as this thread's loop read it in its current turn. */
    public static long nanoTime() {
        LoopClock c = CURRENT.getIfExists();
        return c == null ? System.nanoTime() : c.read().nanos;
    }

    /** {@link System#currentTimeMillis()} as this thread's loop read it in its current turn. */
    public static long currentTimeMillis() {
        LoopClock c = CURRENT.getIfExists();
        return c == null ? System.currentTimeMillis() : c.read().millis;
    }

    /** Reads both clocks, once per turn (one clock read more per turn, not per connection). */
    private LoopClock read() {
        if (!read) {
            nanos = System.nanoTime();
            millis = System.currentTimeMillis();
            read = true;
        }
        return this;
    }

    /** Starts a new turn: the next call reads the clocks again. */
    void newTurn() {
        read = false;
    }

    /** Makes this the clock of the calling thread (a loop's, when it starts running). */
    void install() {
        CURRENT.set(this);
    }

    void uninstall() {
        if (CURRENT.getIfExists() == this) {
            CURRENT.remove();
        }
    }
}
