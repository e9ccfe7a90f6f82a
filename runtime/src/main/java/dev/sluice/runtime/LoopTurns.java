package dev.sluice.runtime;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * An event loop's I/O handler that marks the loop's turns: each time the loop waits for I/O, a
 * new {@link LoopClock} reading, and after it has handled what it found ready, the flushes its
 * connections held ({@link TurnFlush}).
 */
final class LoopTurns implements IoHandler {

    private final IoHandler io;
    private final LoopClock clock = new LoopClock();
    private final TurnFlush.Held flushes = new TurnFlush.Held();

    private LoopTurns(IoHandler io) {
        this.io = io;
    }

    /** {@code io}'s handlers, each wrapped. */
    static IoHandlerFactory around(IoHandlerFactory io) {
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new LoopTurns(io.newHandler(executor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return io.isChangingThreadSupported();
            }
        };
    }

    /** Called by the loop on its thread each time it starts running there. */
    @Override
    public void initialize() {
        io.initialize();
        clock.install();
        flushes.install();
    }

    @Override
    public int run(IoHandlerContext context) {
        // what the loop's tasks flushed since the last turn, before it waits
        flushes.sendAll();
        clock.newTurn();
        int handled = io.run(context);
        flushes.sendAll();
        return handled;
    }

    @Override
    public void prepareToDestroy() {
        io.prepareToDestroy();
    }

    @Override
    public void destroy() {
        io.destroy();
        clock.uninstall();
        flushes.uninstall();
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
