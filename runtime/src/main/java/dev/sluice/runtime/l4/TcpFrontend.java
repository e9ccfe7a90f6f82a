package dev.sluice.runtime.l4;

import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.ActivityTimeout;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimePlan.BackendRuntime;
import dev.sluice.runtime.ServerSlots;
import dev.sluice.runtime.Transport;
import dev.sluice.runtime.TurnFlush;
import dev.sluice.runtime.balance.Acquisition;
import dev.sluice.runtime.balance.BalanceInput;
import dev.sluice.runtime.balance.RetryPolicy;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.balance.Slot;
import dev.sluice.runtime.stats.SessionMeter;
import dev.sluice.runtime.track.StickRules;
import dev.sluice.runtime.track.Tracking;
import dev.sluice.runtime.sample.Payload;
import dev.sluice.runtime.track.TcpRequestRules;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a client connection to a {@code mode tcp} frontend: runs the frontend's
 * {@code tcp-request content} rules, chooses the backend ({@code use_backend} conditions on the
 * connection, else {@code default_backend}), runs its content rules, and chooses a server (the
 * one its {@code stick} rules name, else the backend's algorithm, with its {@code maxconn} and
 * queue) with the plan the connection was accepted under, connects ({@code timeout connect},
 * {@code retries}, {@code option redispatch}), then hands both sides to {@link Relay}s.
 *
 * <p>With a {@code tcp-request inspect-delay} (the frontend's while its rules run, then the
 * backend's), content rules see the client's first bytes ({@link Payload}) and may wait for more:
 * they run again, from the first, each time bytes arrive, until they decide or no more will be
 * waited for (the delay, counted once from the first wait, ran out; the client ended its side;
 * {@link Payload#CAPACITY} bytes are held), and then decide on what is held. Routing and stick
 * rules see those bytes too. The bytes held go to the server first. Otherwise the client is not
 * read until the server connection is up.
 */
public final class TcpFrontend extends ChannelInboundHandlerAdapter {

    /** How long to wait for a server when no {@code timeout connect} is set. */
    static final int DEFAULT_CONNECT_MS = 5_000;

    /** Where the stream is: its rules still to decide, then its server to reach, or given up. */
    private enum Stage { FRONTEND_RULES, BACKEND_RULES, SERVER, CLOSING }

    private final RuntimePlan plan;
    private final RuntimePlan.FrontendRuntime frontend;
    private final Class<? extends Channel> channelType;
    private ServerSlots.Waiting waiting = ServerSlots.Waiting.NONE;
    private Slot slot;
    private SessionMeter meter;
    private ConnectionView view;
    private StickRules.Sticking sticking = StickRules.Sticking.NONE;
    private Stage stage = Stage.FRONTEND_RULES;
    private BackendRuntime backend;
    private final Payload payload = new Payload();
    /** Ends the inspection when the delay runs out; null until the rules first wait. */
    private ScheduledFuture<?> delay;
    private boolean delayOver;
    private boolean inputEnded;

    public TcpFrontend(RuntimePlan plan, RuntimePlan.FrontendRuntime frontend, Class<? extends Channel> channelType) {
        this.plan = plan;
        this.frontend = frontend;
        this.channelType = channelType;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        view = new ConnectionView(ctx.channel(), plan.states().processVariables());
        view.payload(payload);
        Tracking.tcpStreamStarted(ctx.channel(), frontend.tcpRules());
        ctx.channel().closeFuture().addListener(f -> {
            waiting.cancel();
            if (slot != null) {
                slot.release();
            }
            if (delay != null) {
                delay.cancel(false);
            }
        });
        inspect(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            payload.append(b.nioBuffer());
        }
        ReferenceCountUtil.release(msg);
        if (payload.full()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inspect(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            inspect(ctx);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * Runs the rules of the stage the stream is at, on the bytes held; goes on to the next stage
     * when they decide, or reads more when they wait. Nothing once the server is chosen.
     */
    private void inspect(ChannelHandlerContext ctx) {
        if (stage == Stage.SERVER || stage == Stage.CLOSING) {
            return;
        }
        while (stage != Stage.SERVER && ctx.channel().isActive()) {
            boolean frontendStage = stage == Stage.FRONTEND_RULES;
            Long wait = (frontendStage ? frontend.frontend().timeouts() : backend.backend().timeouts())
                    .tcpRequestInspectDelayMs();
            boolean last = wait == null || wait == 0 || delayOver || inputEnded || payload.full();
            payload.last(last);
            TcpRequestRules rules = frontendStage ? frontend.tcpRules() : backend.tcpRules();
            TcpRequestRules.Verdict v = rules.inspect(view);
            if (v == TcpRequestRules.Verdict.REJECT) {
                giveUp(ctx);
                return;
            }
            if (v == TcpRequestRules.Verdict.WAIT) {
                if (delay == null) {
                    delay = ctx.executor().schedule(() -> {
                        delayOver = true;
                        inspect(ctx);
                    }, wait, TimeUnit.MILLISECONDS);
                }
                ctx.channel().config().setAutoRead(!payload.full());
                return;
            }
            payload.last(true); // routing decides on what is held, as HAProxy's switching rules do
            if (frontendStage) {
                Optional<BackendRuntime> chosen = frontend.route(view, name -> plan.backend(name).isPresent())
                        .flatMap(plan::backend);
                if (chosen.isEmpty()) {
                    giveUp(ctx);
                    return;
                }
                backend = chosen.get();
                stage = Stage.BACKEND_RULES;
            } else {
                stage = Stage.SERVER;
            }
        }
        if (stage != Stage.SERVER) {
            return; // closed, or waiting for bytes
        }
        ctx.channel().config().setAutoRead(false);
        if (delay != null) {
            delay.cancel(false);
        }
        meter = SessionMeter.of(ctx.channel());
        meter.routed(backend.counters());
        sticking = backend.stickRules().onRequest(view, backend.state(), false);
        attempt(ctx, backend, 0);
    }

    /** Ends the client's connection without serving it: rejected, or no server for it. */
    private void giveUp(ChannelHandlerContext ctx) {
        stage = Stage.CLOSING;
        if (delay != null) {
            delay.cancel(false);
        }
        Drain.close(ctx.channel());
    }

    /** Gets a slot on a server the balancer picks (avoiding the one that just failed), then connects. */
    private void attempt(ChannelHandlerContext ctx, BackendRuntime backend, int retriesDone) {
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        BalanceInput input = new BalanceInput() {
            @Override
            public byte[] clientAddress() {
                return client.getAddress().getAddress();
            }
        };
        ServerState failed = slot != null ? slot.server() : null;
        if (slot != null) {
            slot.release();
            slot = null;
        }
        waiting = ServerSlots.acquire(backend, retriesDone == 0 ? sticking.server() : null, input,
                failed == null ? null : s -> s == failed,
                ctx.executor(), (Acquisition a) -> {
                    if (!(a instanceof Slot granted)) {
                        giveUp(ctx);
                        return;
                    }
                    if (!ctx.channel().isActive()) {
                        granted.release();
                        return;
                    }
                    slot = granted;
                    connect(ctx, backend, granted.server(), retriesDone);
                });
    }

    private void connect(ChannelHandlerContext ctx, BackendRuntime backend, ServerState server, int retriesDone) {
        Channel inbound = ctx.channel();
        Timeouts t = backend.backend().timeouts();
        long serverIdle = t.tunnelMs() != null ? t.tunnelMs() : t.serverMs() != null ? t.serverMs() : 0;
        Bootstrap bootstrap = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        t.connectMs() != null ? (int) Math.min(Integer.MAX_VALUE, t.connectMs()) : DEFAULT_CONNECT_MS)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.WATER_MARK)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(TurnFlush.NAME, new TurnFlush());
                        if (serverIdle > 0) {
                            ch.pipeline().addLast(new ActivityTimeout(serverIdle));
                        }
                        ch.pipeline().addLast(new Relay(inbound));
                    }
                });
        ChannelFuture f = bootstrap.connect(backend.address(server));
        f.addListener(done -> {
            if (done.isSuccess()) {
                Channel outbound = f.channel();
                if (!inbound.isActive()) {
                    outbound.close();
                    return;
                }
                meter.attached(server.counters());
                backend.stickRules().onResponse(sticking, view, server);
                ctx.pipeline().replace(this, "relay", new Relay(outbound));
                if (payload.length() > 0) {
                    outbound.writeAndFlush(Unpooled.wrappedBuffer(payload.array(), 0, payload.length()),
                            outbound.voidPromise());
                }
                payload.clear(); // the buffer written owns the bytes now
                outbound.config().setAutoRead(true);
                if (inputEnded) {
                    inbound.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                } else {
                    inbound.config().setAutoRead(true);
                }
                if (inbound.pipeline().get("idle") != null && t.tunnelMs() != null) {
                    inbound.pipeline().replace("idle", "idle",
                            new ActivityTimeout(t.tunnelMs()));
                }
                return;
            }
            RetryPolicy.Decision d = backend.connectFailed(server, retriesDone, sticking.server() != null,
                    done.cause());
            switch (d.action()) {
                case GIVE_UP -> giveUp(ctx);
                case RETRY_SAME -> ctx.executor().schedule(() -> connect(ctx, backend, server, retriesDone + 1),
                        d.delayMs(), TimeUnit.MILLISECONDS);
                case REDISPATCH -> ctx.executor().schedule(() -> attempt(ctx, backend, retriesDone + 1),
                        d.delayMs(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
