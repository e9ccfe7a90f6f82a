package dev.sluice.runtime.l4;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimePlan.BackendRuntime;
import dev.sluice.runtime.RuntimePlan.ServerRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a client connection to a {@code mode tcp} frontend: chooses the backend
 * and a server with the plan the connection was accepted under, connects (with {@code timeout
 * connect}, {@code retries} and {@code option redispatch}), then hands both sides to
 * {@link Relay}s. The client is not read until the server connection is up.
 */
public final class TcpFrontend extends ChannelInboundHandlerAdapter {

    /** How long to wait for a server when no {@code timeout connect} is set. */
    static final int DEFAULT_CONNECT_MS = 5_000;

    private final RuntimePlan plan;
    private final RuntimePlan.FrontendRuntime frontend;
    private final Class<? extends Channel> channelType;

    public TcpFrontend(RuntimePlan plan, RuntimePlan.FrontendRuntime frontend, Class<? extends Channel> channelType) {
        this.plan = plan;
        this.frontend = frontend;
        this.channelType = channelType;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Optional<BackendRuntime> backend = frontend.connectionBackend().flatMap(plan::backend);
        if (backend.isEmpty()) {
            ctx.close();
            return;
        }
        connect(ctx, backend.get(), new ArrayList<>(), 0);
        ctx.fireChannelActive();
    }

    private void connect(ChannelHandlerContext ctx, BackendRuntime backend, List<ServerRuntime> tried, int attempt) {
        Backend b = backend.backend();
        boolean redispatch = b.options().containsKey("redispatch") && b.options().get("redispatch").enabled();
        List<ServerRuntime> avoid = redispatch && attempt > 0 && attempt == b.retries() ? tried : List.of();
        Optional<ServerRuntime> chosen = attempt > 0 && avoid.isEmpty() && !tried.isEmpty()
                ? Optional.of(tried.get(tried.size() - 1))
                : backend.pick(avoid);
        if (chosen.isEmpty() || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        ServerRuntime server = chosen.get();
        Channel inbound = ctx.channel();
        Timeouts t = b.timeouts();
        long serverIdle = t.tunnelMs() != null ? t.tunnelMs() : t.serverMs() != null ? t.serverMs() : 0;
        Bootstrap bootstrap = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        t.connectMs() != null ? (int) Math.min(Integer.MAX_VALUE, t.connectMs()) : DEFAULT_CONNECT_MS)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (serverIdle > 0) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, serverIdle, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast(new Relay(inbound));
                    }
                });
        ChannelFuture f = bootstrap.connect(server.address());
        f.addListener(done -> {
            if (done.isSuccess()) {
                Channel outbound = f.channel();
                if (!inbound.isActive()) {
                    outbound.close();
                    return;
                }
                ctx.pipeline().replace(this, "relay", new Relay(outbound));
                outbound.config().setAutoRead(true);
                inbound.config().setAutoRead(true);
                if (inbound.pipeline().get(IdleStateHandler.class) != null && t.tunnelMs() != null) {
                    inbound.pipeline().replace(IdleStateHandler.class, "idle",
                            new IdleStateHandler(0, 0, t.tunnelMs(), TimeUnit.MILLISECONDS));
                }
            } else {
                tried.add(server);
                if (attempt < b.retries()) {
                    connect(ctx, backend, tried, attempt + 1);
                } else {
                    ctx.close();
                }
            }
        });
    }
}
