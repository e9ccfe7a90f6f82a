package dev.sluice.runtime.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The counters of one client connection, first in its pipeline: counts the session and its bytes
 * on the frontend and the process, and once the frontend has chosen a backend and a server, on
 * them too. The frontend handlers tell it what happens to each request ({@link #routed},
 * {@link #attached}, {@link #serverResponse}, ...); it resolves nothing itself, so counting is never a
 * lookup.
 *
 * <p>Bytes are counted as they are read from and written to the client. The bytes of a request
 * read before its backend (or server) was known count on that backend (or server) once it is.
 * Used on the connection's event loop only.
 */
public final class SessionMeter extends ChannelDuplexHandler {

    /** Its name in the pipeline. */
    public static final String NAME = "meter";

    private final Counters frontend;
    private final Counters process;
    private final boolean http;
    private Counters backend;
    private ServerCounters server;
    /** Bytes since the last {@link #release()} that the server has not been given yet. */
    private long pendingIn;
    private long pendingOut;

    private SessionMeter(Counters frontend, Counters process, boolean http) {
        this.frontend = frontend;
        this.process = process;
        this.http = http;
    }

    /**
     * Counts a new session of {@code ch} on {@code frontend} and {@code process}, until it closes,
     * and returns the meter to put first in its pipeline.
     */
    public static SessionMeter open(Channel ch, Counters frontend, Counters process, boolean http) {
        SessionMeter m = new SessionMeter(frontend, process, http);
        frontend.opened();
        process.opened();
        ch.closeFuture().addListener(f -> {
            frontend.closed();
            process.closed();
        });
        return m;
    }

    /** The meter of {@code ch}, or one that counts nowhere when the pipeline has none (a test's). */
    public static SessionMeter of(Channel ch) {
        SessionMeter m = ch.pipeline().get(SessionMeter.class);
        return m != null ? m : new SessionMeter(new Counters(), new Counters(), true);
    }

    // ---- what the frontend handlers report

    /** An HTTP request's headers arrived. */
    public void request() {
        frontend.request();
        process.countRequest();
    }

    /** The request (or the TCP session) goes to {@code backend}. */
    public void routed(Counters backend) {
        this.backend = backend;
        backend.bytesIn(pendingIn);
        backend.bytesOut(pendingOut);
        if (http) {
            backend.countRequest();
        }
    }

    /** The request (or the TCP session) is on a connection to {@code server}. */
    public void attached(ServerCounters server) {
        this.server = server;
        server.bytesIn(pendingIn);
        server.bytesOut(pendingOut);
        pendingIn = 0;
        pendingOut = 0;
        if (http) {
            server.countRequest();
        }
    }

    /** The server answered with {@code status} (a final status, or 101). */
    public void serverResponse(int status) {
        if (backend != null) {
            backend.response(status);
        }
        if (server != null) {
            server.response(status);
        }
    }

    /** The server's response goes to the client with {@code status} (after the response rules). */
    public void sent(int status) {
        frontend.response(status);
    }

    /** The proxy answered itself with {@code status}: a rule's answer ({@code denied} by a deny), or an error. */
    public void answered(int status, boolean denied) {
        frontend.response(status);
        if (denied) {
            frontend.deniedRequest();
        }
        if (backend != null) {
            backend.response(status);
            if (denied) {
                backend.deniedRequest();
            }
        }
        if (status == 400 || status == 408) {
            frontend.requestError();
        }
    }

    /** An {@code http-response} rule denied the server's response. */
    public void responseDenied() {
        frontend.deniedResponse();
        if (backend != null) {
            backend.deniedResponse();
        }
        if (server != null) {
            server.deniedResponse();
        }
    }

    /** The server closed or timed out before its response ended. */
    public void serverFailed() {
        if (backend != null) {
            backend.responseError();
        }
        if (server != null) {
            server.responseError();
        }
    }

    /** The request is over: the next one's bytes count nowhere until it is routed. */
    public void release() {
        backend = null;
        server = null;
        pendingIn = 0;
        pendingOut = 0;
    }

    // ---- bytes

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long n = size(msg);
        if (n > 0) {
            frontend.bytesIn(n);
            process.bytesIn(n);
            if (backend != null) {
                backend.bytesIn(n);
            }
            if (server != null) {
                server.bytesIn(n);
            } else {
                pendingIn += n;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long n = size(msg);
        if (n > 0) {
            frontend.bytesOut(n);
            process.bytesOut(n);
            if (backend != null) {
                backend.bytesOut(n);
            }
            if (server != null) {
                server.bytesOut(n);
            } else {
                pendingOut += n;
            }
        }
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }
}
