package dev.sluice.runtime.l4;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection the proxy gives up on (rejected, no backend, no server reachable),
 * or an HTTP one with part of its request unread, without a reset. Linux answers the close of a socket that still holds bytes the client sent
 * with a reset, which the client reports as "connection reset by peer"; HAProxy reads and
 * discards those bytes before it closes, and the client sees the connection end normally.
 *
 * <p>Put first in the pipeline, this handler ends the proxy's side at once (the client reads the
 * end now), then reads and discards what the client sent, and closes when a read finds the socket
 * empty, when the client ends its side, or after {@link #MAX_MS} at most. What the client sends
 * after that meets a closed socket, as it does with HAProxy.
 */
public final class Drain extends ChannelInboundHandlerAdapter {

    /** How long a closing connection is read at most, for a client that keeps sending. */
    static final long MAX_MS = 100;

    private ScheduledFuture<?> limit;
    /** Whether the last read of this batch filled its buffer: more may be waiting. */
    private boolean lastReadFull;

    private Drain() {
    }

    /** Ends {@code client}'s connection, reading what it sent first. */
    public static void close(Channel client) {
        if (!client.isActive() || client.pipeline().get(Drain.class) != null) {
            client.close();
            return;
        }
        client.pipeline().addFirst(new Drain());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        limit = ctx.executor().schedule(() -> {
            ch.close();
        }, MAX_MS, TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> limit.cancel(false));
        if (ch instanceof DuplexChannel d) {
            d.shutdownOutput();
        }
        if (ch.config().isAutoRead()) {
            ch.read();
        } else {
            ch.config().setAutoRead(true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadFull = msg instanceof ByteBuf b && !b.isWritable();
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!lastReadFull) {
            ctx.close(); // the last read found fewer bytes than it had room for, or none
        }
        lastReadFull = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt);
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
