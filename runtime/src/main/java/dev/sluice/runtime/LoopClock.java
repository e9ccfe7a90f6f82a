package dev.sluice.runtime;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ThreadAwareExecutor;

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
 * timeout measured from it may end that much early, never late. Off an event loop (a test's
 * channel, the health checks, the admin socket) the calls read the system clock.
 */
public final class LoopClock {

    private static final FastThreadLocal<LoopClock> CURRENT = new FastThreadLocal<>();

    private long nanos;
    private long millis;
    /** Whether {@link #nanos} and {@link #millis} were read in this turn. */
    private boolean read;

    private LoopClock() {
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

    /** {@code io}'s handlers, each giving its loop a clock that starts a new turn each time it waits for I/O. */
    static IoHandlerFactory around(IoHandlerFactory io) {
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new Turns(io.newHandler(executor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return io.isChangingThreadSupported();
            }
        };
    }

    /** Forgets the loop's readings before each wait for I/O. */
    private static final class Turns implements IoHandler {

        private final IoHandler io;
        private final LoopClock clock = new LoopClock();

        Turns(IoHandler io) {
            this.io = io;
        }

        /** Called by the loop on its thread each time it starts running there. */
        @Override
        public void initialize() {
            io.initialize();
            CURRENT.set(clock);
        }

        @Override
        public int run(IoHandlerContext context) {
            clock.read = false;
            return io.run(context);
        }

        @Override
        public void prepareToDestroy() {
            io.prepareToDestroy();
        }

        @Override
        public void destroy() {
            io.destroy();
            if (CURRENT.getIfExists() == clock) {
                CURRENT.remove();
            }
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            return io.register(handle);
        }

        @Override
        public void wakeup() {
            io.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return io.isCompatible(handleType);
        }
    }
}
