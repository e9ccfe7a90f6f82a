package dev.sluice.runtime;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An inactivity timeout on a connection ({@code timeout client}): when nothing has been read from
 * it or written to it for the whole period, an {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} goes
 * down the pipeline. Unlike Netty's {@code IdleStateHandler}, a write counts when it is made, not
 * when it completes, so writes keep their void promises and cost no listener; a peer that stops
 * reading still times out, because backpressure stops the writes too.
 *
 * <p>One timer per connection, re-armed only when it fires: a busy connection costs a field
 * update per read or write, with the time its loop read once for the turn ({@link LoopClock}).
 */
public final class ActivityTimeout extends ChannelDuplexHandler {

    private final long periodNanos;
    private long lastActivity;
    private ScheduledFuture<?> timer;

    public ActivityTimeout(long periodMs) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = LoopClock.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = LoopClock.nanoTime();
        ctx.write(msg, promise);
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            lastActivity = System.nanoTime();
            timer = ctx.executor().schedule(() -> expire(ctx), periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (timer == null || !ctx.channel().isOpen()) {
            return;
        }
        long left = periodNanos - (System.nanoTime() - lastActivity);
        if (left > 0) {
            timer = ctx.executor().schedule(() -> expire(ctx), left, TimeUnit.NANOSECONDS);
            return;
        }
        timer = ctx.executor().schedule(() -> expire(ctx), periodNanos, TimeUnit.NANOSECONDS);
        lastActivity = System.nanoTime();
        ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }
}
