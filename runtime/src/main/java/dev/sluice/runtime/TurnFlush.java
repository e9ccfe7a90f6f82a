package dev.sluice.runtime;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Holds a connection's flushes until its event loop has handled everything it found ready in
 * the turn, then sends: the loop reads all its ready sockets first and sends after, as HAProxy
 * does. A send wakes the reader at the other end, and on a busy machine that reader can take the
 * CPU from the loop; sending in the middle of a turn left the sockets after it waiting for the
 * loop to get the CPU back. In HTTP mode, at the keep-alive load of bench/run.sh, this gave 3 to
 * 8% more requests/s and a lower p99 (bench/README.md).
 *
 * <p>A flush is held for at most the rest of the turn: the loop sends what its turn's reads made
 * ({@link LoopTurns}), and what its tasks made before it waits again. A connection that is closed,
 * or that reads again, in the same turn sends what it holds first. Off a loop that counts turns
 * (one not made by {@link Transport#group}) a flush goes at once. The handler is added first,
 * nearest the socket, when the pipeline is built, so that every flush passes through it; the
 * handlers put before it later (stick-table byte counts, a tunnel's timeout) make no flushes.
 */
public final class TurnFlush extends ChannelDuplexHandler {

    /** Its name in a pipeline. */
    public static final String NAME = "flush";

    /**
     * The most a connection holds, in bytes written and not sent: more goes at once, as a body
     * being relayed should (held to the end of the turn, a 1 MiB body's chunks made 17% fewer
     * requests/s, each waiting for the chunks read after it).
     */
    static final int HOLD_AT_MOST = 16 * 1024;

    private static final FastThreadLocal<Held> CURRENT = new FastThreadLocal<>();

    private ChannelHandlerContext ctx;
    /** Whether this connection is in its loop's list for the end of the turn. */
    private boolean held;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        Held loop = CURRENT.getIfExists();
        if (loop == null || out == null || out.totalPendingWriteBytes() >= HOLD_AT_MOST) {
            held = false;
            ctx.flush();
        } else if (!held) {
            held = true;
            loop.connections.add(this);
        }
    }

    /**
     * A read can end with the peer's close, which Netty acts on outside the pipeline, dropping
     * what was not sent: what is held goes first.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        send();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        send();
        ctx.close(promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        send();
        ctx.disconnect(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        send();
    }

    private void send() {
        if (held) {
            held = false;
            ctx.flush();
        }
    }

    /** The connections one loop holds flushes for, sent at the end of its turn. */
    static final class Held {

        private final ArrayList<TurnFlush> connections = new ArrayList<>();

        void install() {
            CURRENT.set(this);
        }

        void uninstall() {
            if (CURRENT.getIfExists() == this) {
                CURRENT.remove();
            }
        }

        /** Sends what every connection holds, including what sending makes (a listener's write). */
        void sendAll() {
            ArrayList<TurnFlush> list = connections;
            for (int i = 0; i < list.size(); i++) {
                list.get(i).send();
            }
            list.clear();
        }
    }
}
