package dev.sluice.runtime.check;

import dev.sluice.compiler.plan.HealthCheck;
import dev.sluice.compiler.plan.ServerCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Health checks of one server, as HAProxy runs them: a check every {@code inter} (every
 * {@code fastinter} while the server is changing state, every {@code downinter} while it is
 * down); {@code rise} successes in a row bring a down server up, {@code fall} failures in a row
 * take an up server down. A server starts up, as in HAProxy. A check is a TCP connection, or for
 * {@code option httpchk} an HTTP request whose answer must match the {@code http-check expect}
 * rule ({@code 2xx} or {@code 3xx} when there is none). Runs on one event loop; never blocks.
 */
public final class HealthChecker {

    /**
     * What a check concluded, and why, for logs.
     *
     * @param status the conclusion, as HAProxy names it
     * @param code the HTTP status of an HTTP check's response, or null
     * @param reason what was found, in a few words
     */
    public record Result(CheckStatus status, Integer code, String reason) {

        public boolean ok() {
            return status.passed();
        }
    }

    /**
     * A check as counted: its result, the health count after it (0 to rise+fall-1, up from rise
     * on), and how long it took.
     */
    public record Report(Result result, int health, long durationMs) {}

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final InetSocketAddress target;
    private final ServerCheck settings;
    private final HttpCheck http;
    private final long timeoutMs;
    private final Consumer<Boolean> onChange;
    private final Consumer<Report> onResult;
    private long startedNanos;

    /** Health as HAProxy counts it: 0..rise+fall-1, up from rise on. */
    private int health;
    private volatile boolean up = true;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    /**
     * @param target where to connect (the server's address, or its {@code addr}/{@code port})
     * @param timeoutMs how long one check may take: {@code timeout check}, else {@code inter}
     * @param onChange told {@code true} when the server comes up, {@code false} when it goes down
     * @param onResult told every check's result
     */
    public HealthChecker(EventLoop loop, Class<? extends Channel> channelType, InetSocketAddress target,
            ServerCheck settings, HealthCheck check, long timeoutMs, Consumer<Boolean> onChange,
            Consumer<Report> onResult) {
        this.loop = loop;
        this.channelType = channelType;
        this.target = target;
        this.settings = settings;
        this.http = check.type().equals("http") ? HttpCheck.of(check) : null;
        this.timeoutMs = timeoutMs;
        this.onChange = onChange;
        this.onResult = onResult;
        this.health = settings.rise() + settings.fall() - 1;
    }

    /** Starts checking, the first check after a random part of {@code inter} (spreading the load). */
    public void start() {
        long first = (long) (Math.random() * Math.max(1, settings.interMs()));
        next = loop.schedule(this::runCheck, first, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts checking a server that is {@code serverUp} now: a server already down (a reload
     * changed its check settings) needs {@code rise} good checks to come up, as one the checks
     * took down.
     */
    public void start(boolean serverUp) {
        if (!serverUp) {
            up = false;
            health = 0;
        }
        start();
    }

    public void stop() {
        stopped = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }

    /** Whether the checks say the server is up. Read from any thread. */
    public boolean isUp() {
        return up;
    }

    private void runCheck() {
        if (stopped) {
            return;
        }
        startedNanos = System.nanoTime();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (http != null) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(HttpCheck.MAX_BODY),
                                    new ResponseHandler());
                        }
                    }
                });
        ChannelFuture connect = b.connect(target);
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            connect.channel().close();
            finish(new Result(connect.isSuccess() ? CheckStatus.L7TOUT : CheckStatus.L4TOUT, null,
                    "timeout after " + timeoutMs + " ms"));
        }, timeoutMs, TimeUnit.MILLISECONDS);
        connect.channel().closeFuture().addListener(f -> deadline.cancel(false));
        connect.addListener((Future<? super Void> f) -> {
            if (!f.isSuccess()) {
                deadline.cancel(false);
                finish(new Result(CheckStatus.L4CON, null, connectError(f.cause())));
            } else if (http == null) {
                deadline.cancel(false);
                connect.channel().close();
                finish(new Result(CheckStatus.L4OK, null, "connected"));
            } else {
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.valueOf(http.version()),
                        HttpMethod.valueOf(http.method()), http.uri(), Unpooled.EMPTY_BUFFER);
                http.headers().forEach((k, v) -> request.headers().add(k, v));
                if (!request.headers().contains(HttpHeaderNames.HOST) && http.version().equals("HTTP/1.1")) {
                    request.headers().set(HttpHeaderNames.HOST, target.getHostString());
                }
                request.headers().set(HttpHeaderNames.CONNECTION, "close");
                connect.channel().writeAndFlush(request);
            }
        });
    }

    /**
     * Why a connection failed, as the system says it and HAProxy reports it ({@code Connection
     * refused}), without the transport's wording around it ({@code finishConnect(..) failed with
     * error(-111): ...: /10.0.0.1:80}).
     */
    static String connectError(Throwable cause) {
        String m = cause.getMessage();
        if (m == null || m.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int code = m.indexOf("): ");
        if (m.contains("failed with error(") && code >= 0) {
            m = m.substring(code + 3);
        }
        int address = m.lastIndexOf(": /");
        return address > 0 ? m.substring(0, address) : m;
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            ctx.close();
            finish(http.judge(response));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(new Result(CheckStatus.L7RSP, null, "connection closed before a response"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            finish(new Result(CheckStatus.L7RSP, null, "invalid response: " + cause.getMessage()));
        }
    }

    private boolean finishedThisRound;

    /** Counts the result (once per check), tells about a change, and schedules the next check. */
    private void finish(Result r) {
        if (finishedThisRound || stopped) {
            return;
        }
        finishedThisRound = true;
        int rise = settings.rise();
        int max = rise + settings.fall() - 1;
        if (r.ok()) {
            if (health < max) {
                health++;
                if (!up && health >= rise) {
                    up = true;
                    health = max;
                    onChange.accept(true);
                }
            }
        } else if (health > 0) {
            health--;
            if (up && health < rise) {
                up = false;
                health = 0;
                onChange.accept(false);
            }
        }
        onResult.accept(new Report(r, health, (System.nanoTime() - startedNanos) / 1_000_000));
        long wait = health == max ? settings.interMs()
                : health == 0 ? (settings.downInterMs() > 0 ? settings.downInterMs() : settings.interMs())
                : (settings.fastInterMs() > 0 ? settings.fastInterMs() : settings.interMs());
        next = loop.schedule(() -> {
            finishedThisRound = false;
            runCheck();
        }, Math.max(1, wait), TimeUnit.MILLISECONDS);
    }
}
