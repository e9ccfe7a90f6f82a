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
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a client connection to a {@code mode tcp} frontend: runs the frontend's
 * {@code tcp-request content} rules, chooses the backend ({@code use_backend} conditions on the
 * connection, else {@code default_backend}), runs its content rules, and chooses a server (the
 * one its {@code stick} rules name, else the backend's algorithm, with its {@code maxconn} and
 * queue) with the plan the connection was accepted under, connects ({@code timeout connect},
 * {@code retries}, {@code option redispatch}), then hands both sides to {@link Relay}s. The client
 * is not read until the server connection is up.
 */
public final class TcpFrontend extends ChannelInboundHandlerAdapter {

    /** How long to wait for a server when no {@code timeout connect} is set. */
    static final int DEFAULT_CONNECT_MS = 5_000;

    private final RuntimePlan plan;
    private final RuntimePlan.FrontendRuntime frontend;
    private final Class<? extends Channel> channelType;
    private ServerSlots.Waiting waiting = ServerSlots.Waiting.NONE;
    private Slot slot;
    private SessionMeter meter;
    private ConnectionView view;
    private StickRules.Sticking sticking = StickRules.Sticking.NONE;

    public TcpFrontend(RuntimePlan plan, RuntimePlan.FrontendRuntime frontend, Class<? extends Channel> channelType) {
        this.plan = plan;
        this.frontend = frontend;
        this.channelType = channelType;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        view = new ConnectionView(ctx.channel(), plan.states().processVariables());
        if (!Tracking.tcpStreamStarted(ctx.channel(), frontend.tcpRules(), view)) {
            ctx.close(); // tcp-request content reject
            return;
        }
        Optional<BackendRuntime> backend = frontend.route(view, name -> plan.backend(name).isPresent())
                .flatMap(plan::backend);
        if (backend.isEmpty() || !backend.get().tcpRules().content(view)) {
            ctx.close();
            return;
        }
        meter = SessionMeter.of(ctx.channel());
        meter.routed(backend.get().counters());
        sticking = backend.get().stickRules().onRequest(view, backend.get().state(), false);
        ctx.channel().closeFuture().addListener(f -> {
            waiting.cancel();
            if (slot != null) {
                slot.release();
            }
        });
        attempt(ctx, backend.get(), 0);
        ctx.fireChannelActive();
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
                        ctx.close();
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
                outbound.config().setAutoRead(true);
                inbound.config().setAutoRead(true);
                if (inbound.pipeline().get("idle") != null && t.tunnelMs() != null) {
                    inbound.pipeline().replace("idle", "idle",
                            new ActivityTimeout(t.tunnelMs()));
                }
                return;
            }
            RetryPolicy.Decision d = backend.connectFailed(server, retriesDone, sticking.server() != null,
                    done.cause());
            switch (d.action()) {
                case GIVE_UP -> ctx.close();
                case RETRY_SAME -> ctx.executor().schedule(() -> connect(ctx, backend, server, retriesDone + 1),
                        d.delayMs(), TimeUnit.MILLISECONDS);
                case REDISPATCH -> ctx.executor().schedule(() -> attempt(ctx, backend, retriesDone + 1),
                        d.delayMs(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
