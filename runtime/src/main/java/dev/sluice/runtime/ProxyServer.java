package dev.sluice.runtime;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.check.HealthChecker;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.l4.TcpFrontend;
import dev.sluice.runtime.l7.HttpFrontend;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The proxy: binds every listener of the plan's frontends and serves their connections with the
 * plan in the {@link PlanHolder}. Connections beyond a frontend's (or the global) {@code maxconn}
 * wait in the listen backlog: the listener stops accepting until one closes.
 */
public final class ProxyServer implements AutoCloseable {

    private final PlanHolder holder;
    private final Transport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, List<Channel>> listeners = new LinkedHashMap<>();
    private final ConnectionLimiter global;
    private final ChannelGroup clients;
    private final List<HealthChecker> checkers = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private ProxyServer(PlanHolder holder, Transport transport, int threads) {
        this.holder = holder;
        this.transport = transport;
        this.boss = transport.group(1);
        this.workers = transport.group(threads);
        Long maxconn = holder.current().plan().global().maxconn();
        this.global = new ConnectionLimiter(maxconn == null ? 0 : maxconn, null);
        this.clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    }

    /**
     * Starts serving {@code holder}'s plan on {@code threads} event-loop threads (the plan's
     * {@code nbthread}, else the number of cores, when {@code threads} is 0).
     */
    public static ProxyServer start(PlanHolder holder, Transport transport, int threads) throws RuntimeSetupException {
        Integer nbthread = holder.current().plan().global().nbthread();
        int n = threads > 0 ? threads : nbthread != null ? nbthread : Runtime.getRuntime().availableProcessors();
        ProxyServer server = new ProxyServer(holder, transport, n);
        try {
            for (Frontend f : holder.current().plan().frontends()) {
                if (!f.disabled()) {
                    server.bind(f);
                }
            }
        } catch (RuntimeSetupException e) {
            server.close();
            throw e;
        }
        server.startHealthChecks(holder.current());
        return server;
    }

    /**
     * Starts the health checks of every server with {@code check}: each server's checks run on
     * one event loop and drive its up/down state, which the balancers follow.
     */
    private void startHealthChecks(RuntimePlan plan) {
        for (Backend b : plan.plan().backends()) {
            RuntimePlan.BackendRuntime be = plan.backend(b.name()).orElseThrow();
            for (Server s : b.servers()) {
                if (!s.check().enabled()) {
                    continue;
                }
                ServerState state = be.state().server(s.name());
                InetSocketAddress address = be.address(state);
                InetSocketAddress target = s.check().addr() != null || s.check().port() != null
                        ? new InetSocketAddress(s.check().addr() != null ? s.check().addr()
                                : address.getAddress().getHostAddress(),
                                s.check().port() != null ? s.check().port() : address.getPort())
                        : address;
                long timeout = b.timeouts().checkMs() != null ? b.timeouts().checkMs() : s.check().interMs();
                HealthChecker checker = new HealthChecker(workers.next(), transport.channel(), target, s.check(),
                        b.healthCheck(), timeout, up -> {
                            state.setUp(up);
                            System.err.printf("[%s]   (%d) : Server %s/%s is %s.%n", up ? "NOTICE" : "WARNING",
                                    ProcessHandle.current().pid(), b.name(), s.name(), up ? "UP" : "DOWN");
                        }, r -> { });
                checkers.add(checker);
                checker.start();
            }
        }
    }

    public Transport transport() {
        return transport;
    }

    /** The addresses {@code frontend} listens on, as bound (port 0 resolved to the real port). */
    public List<InetSocketAddress> boundAddresses(String frontend) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel c : listeners.getOrDefault(frontend, List.of())) {
            out.add((InetSocketAddress) c.localAddress());
        }
        return out;
    }

    private void bind(Frontend f) throws RuntimeSetupException {
        Long maxconn = f.maxconn();
        List<Channel> bound = new ArrayList<>();
        ConnectionLimiter limiter = new ConnectionLimiter(maxconn == null ? 0 : maxconn, global);
        for (Listener l : f.listeners()) {
            for (InetSocketAddress address : addresses(f.name(), l.address())) {
                int backlog = (int) Math.min(65_535, l.backlog() != null ? l.backlog()
                        : f.backlog() != null ? f.backlog() : maxconn != null ? maxconn : 1024);
                ServerBootstrap b = new ServerBootstrap()
                        .group(boss, workers)
                        .channel(transport.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, backlog)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.AUTO_READ, false)
                        .handler(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object child) {
                                // counted on the listener's loop, so that at the limit it stops before the next accept
                                limiter.opened();
                                ((Channel) child).closeFuture().addListener(done -> limiter.closed());
                                ctx.fireChannelRead(child);
                            }
                        })
                        .childHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                accept(f.name(), ch);
                            }
                        });
                try {
                    Channel c = b.bind(address).syncUninterruptibly().channel();
                    bound.add(c);
                    limiter.attach(c);
                } catch (Exception e) {
                    throw new RuntimeSetupException("frontend '" + f.name() + "': cannot bind " + l.address()
                            + " (" + address + "): " + e.getMessage(), e);
                }
            }
        }
        listeners.put(f.name(), bound);
    }

    /** Sets up a new client connection with the plan in force now. */
    private void accept(String frontendName, Channel ch) {
        RuntimePlan plan = holder.current();
        RuntimePlan.FrontendRuntime fe = plan.frontend(frontendName).orElse(null);
        if (fe == null) {
            ch.close();
            return;
        }
        if (stopping.get()) {
            ch.close();
            return;
        }
        clients.add(ch);
        Timeouts t = fe.frontend().timeouts();
        boolean http = fe.frontend().mode().equals("http");
        Long idle = http || t.tunnelMs() == null ? t.clientMs() : null;
        if (idle != null && idle > 0) {
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        }
        if (http) {
            ch.pipeline().addLast("codec", new HttpServerCodec());
            ch.pipeline().addLast("http", new HttpFrontend(holder, frontendName, transport.channel(), stopping::get));
        } else {
            ch.pipeline().addLast("tcp", new TcpFrontend(plan, fe, transport.channel()));
        }
    }

    /** The socket addresses a {@code bind} address stands for: one per port of a range. */
    static List<InetSocketAddress> addresses(String frontend, Address a) throws RuntimeSetupException {
        if (a.family() != null && !a.family().equals("ipv4") && !a.family().equals("ipv6")) {
            throw new RuntimeSetupException("frontend '" + frontend + "': address family '" + a.family()
                    + "@' is not supported by the runtime yet");
        }
        if (a.port() == null) {
            throw new RuntimeSetupException("frontend '" + frontend + "': bind " + a.host() + " has no port");
        }
        InetAddress host;
        try {
            host = a.host().isEmpty() || a.host().equals("*") ? InetAddress.getByName("0.0.0.0")
                    : a.host().equals("::") ? InetAddress.getByName("::")
                    : InetAddress.getByName(a.host());
        } catch (UnknownHostException e) {
            throw new RuntimeSetupException("frontend '" + frontend + "': cannot resolve '" + a.host() + "'");
        }
        int last = a.portEnd() != null ? a.portEnd() : a.port();
        List<InetSocketAddress> out = new ArrayList<>();
        for (int port = a.port(); port <= last; port++) {
            out.add(new InetSocketAddress(host, port));
        }
        return out;
    }

    /**
     * Stops accepting, lets open connections finish for at most {@code grace} (HTTP connections
     * between requests close at once, the others after their response), then closes what is left
     * and releases the threads.
     */
    public void stop(Duration grace) {
        stopping.set(true);
        checkers.forEach(HealthChecker::stop);
        for (List<Channel> list : listeners.values()) {
            for (Channel c : list) {
                c.close().syncUninterruptibly();
            }
        }
        for (Channel c : clients) {
            c.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (global.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Open client connections, over every frontend. */
    public long activeConnections() {
        return global.active();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
