package dev.sluice.runtime.track;

import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.Trackers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import java.util.HashMap;
import java.util.Map;

/**
 * What one client connection (a session) keeps from stream to stream: its stick counters, which
 * {@code tcp-request connection} and {@code session} rules fill, the current stream's counters
 * (the HTTP request being served, or the one stream of a TCP connection), which start as a copy
 * of the session's, and its {@code sess.} variables. Kept on the channel, used on its event loop
 * only; everything it tracks is given back when the connection closes.
 */
public final class TrackedSession {

    private static final AttributeKey<TrackedSession> KEY = AttributeKey.valueOf(TrackedSession.class, "stick");

    private final Trackers session = Trackers.session();
    private final Map<String, SampleValue> variables = new HashMap<>();
    private Trackers stream;

    private TrackedSession() {
    }

    /** The connection's counters, made on first use; they are given back when the channel closes. */
    public static TrackedSession of(Channel ch) {
        TrackedSession s = ch.attr(KEY).get();
        if (s == null) {
            s = new TrackedSession();
            ch.attr(KEY).set(s);
            TrackedSession made = s;
            ch.closeFuture().addListener(f -> made.close());
        }
        return s;
    }

    /** The connection's counters, or null when nothing made them (the plan tracks nothing). */
    public static TrackedSession peek(Channel ch) {
        return ch.attr(KEY).get();
    }

    /**
     * Makes the connection's counters at accept time; with {@code countBytes} (a table stores
     * {@code bytes_in_*} or {@code bytes_out_*}), the bytes read from and written to the client
     * count on the counters in force.
     */
    static TrackedSession attach(Channel ch, boolean countBytes) {
        TrackedSession s = of(ch);
        if (countBytes && ch.pipeline().get(Traffic.class) == null) {
            ch.pipeline().addFirst("stick-traffic", new Traffic(s));
        }
        return s;
    }

    /** The session's {@code sess.} variables. */
    public Map<String, SampleValue> variables() {
        return variables;
    }

    /** The session's counters. */
    Trackers session() {
        return session;
    }

    /** The counters in force: the current stream's, else the session's. */
    public Trackers current() {
        return stream != null ? stream : session;
    }

    /** Starts a stream, ending the one before if there is one: its counters start as the session's. */
    Trackers startStream() {
        endStream();
        stream = session.stream();
        return stream;
    }

    /** Ends the current stream: the counters it tracked itself are given back. */
    void endStream() {
        if (stream != null) {
            stream.release();
            stream = null;
        }
    }

    private void close() {
        endStream();
        session.release();
    }

    /** Counts the bytes a client sends and receives ({@code bytes_in_cnt}, {@code bytes_out_rate}, ...). */
    private static final class Traffic extends ChannelDuplexHandler {

        private final TrackedSession owner;

        Traffic(TrackedSession owner) {
            this.owner = owner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long n = size(msg);
            ctx.fireChannelRead(msg);
            if (n > 0) {
                // after the rules that these bytes set off: they count for the counters those tracked
                owner.current().count(DataType.BYTES_IN_CNT, DataType.BYTES_IN_RATE, n);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            long n = size(msg);
            if (n > 0) {
                owner.current().count(DataType.BYTES_OUT_CNT, DataType.BYTES_OUT_RATE, n);
            }
            ctx.write(msg, promise);
        }

        private static long size(Object msg) {
            if (msg instanceof ByteBuf b) {
                return b.readableBytes();
            }
            return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
        }
    }
}
