package dev.sluice.runtime;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.HealthCheck;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.Server;
import dev.sluice.compiler.plan.ServerCheck;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.check.HealthChecker;
import dev.sluice.runtime.l4.ConnectionView;
import dev.sluice.runtime.l4.Drain;
import dev.sluice.runtime.l4.TcpFrontend;
import dev.sluice.runtime.l7.Codecs;
import dev.sluice.runtime.l7.HttpFrontend;
import dev.sluice.runtime.l7.ServerPool;
import dev.sluice.runtime.stats.ServerCounters;
import dev.sluice.runtime.stats.SessionMeter;
import dev.sluice.runtime.track.Tracking;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The proxy: binds every listener of the plan's frontends and serves their connections with the
 * plan in the {@link PlanHolder}. Connections beyond a frontend's (or the global) {@code maxconn}
 * wait in the listen backlog: the listener stops accepting until one closes.
 *
 * <p>A reload ({@link Reloader}) changes the listeners in two steps around the swap of the plan:
 * {@link #stage} opens the new plan's new addresses without accepting on them (a failure closes
 * them again and changes nothing), and {@link #commit} then starts accepting on them, closes the
 * addresses the new plan no longer binds (their connections drain), applies the new limits and
 * restarts the health checks whose settings changed. A socket whose address is bound before and
 * after is never closed: a listener is known by its address, and follows its frontend if the new
 * plan renames it.
 */
public final class ProxyServer implements AutoCloseable {

    private final PlanHolder holder;
    private final Transport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final int threads;
    private final ConnectionLimiter global;
    private final ChannelGroup clients;
    private final AtomicBoolean stopping = new AtomicBoolean();

    // guarded by this
    private final Set<Listening> listening = new LinkedHashSet<>();
    private Map<String, ConnectionLimiter> limiters = new HashMap<>();
    private final Map<List<String>, RunningCheck> checks = new LinkedHashMap<>();

    private ProxyServer(PlanHolder holder, Transport transport, int threads) {
        this.holder = holder;
        this.transport = transport;
        this.boss = transport.group(1);
        this.workers = transport.group(threads);
        this.threads = threads;
        this.global = new ConnectionLimiter(holder.current().maxconn(), null);
        this.clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    }

    /**
     * Starts serving {@code holder}'s plan on {@code threads} event-loop threads (the plan's
     * {@code nbthread}, else the number of cores, when {@code threads} is 0).
     */
    public static ProxyServer start(PlanHolder holder, Transport transport, int threads) throws RuntimeSetupException {
        int n = threads > 0 ? threads : ProcessLimits.threads(holder.current().plan());
        ProxyServer server = new ProxyServer(holder, transport, n);
        ListenerChange change;
        try {
            change = server.stage(holder.current().plan());
        } catch (RuntimeSetupException e) {
            server.close();
            throw e;
        }
        server.commit(change, holder.current());
        return server;
    }

    public Transport transport() {
        return transport;
    }

    /** The plan in force now. */
    public RuntimePlan plan() {
        return holder.current();
    }

    PlanHolder holder() {
        return holder;
    }

    /** The number of event-loop threads serving connections. */
    public int threads() {
        return threads;
    }

    /** The number of listening sockets. */
    public synchronized int listenerCount() {
        return listening.size();
    }

    /** The addresses {@code frontend} listens on, as bound (port 0 resolved to the real port). */
    public synchronized List<InetSocketAddress> boundAddresses(String frontend) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Listening l : listening) {
            if (l.name.latest().equals(frontend)) {
                out.add((InetSocketAddress) l.channel.localAddress());
            }
        }
        return out;
    }

    // ---- listeners

    /** One listening socket, kept across reloads while its address stays bound. */
    private static final class Listening {

        /** The address as configured (port 0 stays 0): what a reload matches. */
        final InetSocketAddress key;
        final FrontendName name;
        final Channel channel;
        volatile ConnectionLimiter limiter;
        volatile Cohort cohort = new Cohort();
        /** The frontend's mode in the newest plan; guarded by the server. */
        String mode;

        Listening(InetSocketAddress key, FrontendName name, Channel channel, String mode) {
            this.key = key;
            this.name = name;
            this.channel = channel;
            this.mode = mode;
        }
    }

    /**
     * The connections a listener accepted since it opened (or since its frontend changed mode).
     * When the listener closes they drain: an HTTP connection closes between requests, a TCP one
     * when it ends, all of them at {@code hard-stop-after} at the latest.
     */
    private static final class Cohort {

        final ChannelGroup channels = new DefaultChannelGroup("listener", GlobalEventExecutor.INSTANCE);
        volatile boolean draining;
    }

    /** Where a new plan wants a listener: the frontend, the {@code bind}, one socket address of it. */
    private record Wanted(Frontend frontend, Listener listener, InetSocketAddress key) {}

    /**
     * The listeners a new plan needs, staged by {@link #stage}: the new ones are open but do not
     * accept yet. Either {@link #abort()} it, or hand it to the reloader's commit.
     */
    static final class ListenerChange {

        private final Plan plan;
        /** Kept listeners and the frontend each serves in the new plan. */
        private final Map<Listening, Frontend> kept;
        /** Each kept listener's frontend name before the change. */
        private final Map<Listening, String> previousNames;
        private final Map<Listening, Frontend> opened;
        private final List<Listening> closed;
        private boolean finished;

        private ListenerChange(Plan plan, Map<Listening, Frontend> kept, Map<Listening, String> previousNames,
                Map<Listening, Frontend> opened, List<Listening> closed) {
            this.plan = plan;
            this.kept = kept;
            this.previousNames = previousNames;
            this.opened = opened;
            this.closed = closed;
        }

        int openedCount() {
            return opened.size();
        }

        int closedCount() {
            return closed.size();
        }

        int keptCount() {
            return kept.size();
        }

        /** Closes the sockets the change opened; nothing else had changed. */
        synchronized void abort() {
            if (finished) {
                return;
            }
            finished = true;
            for (Listening l : opened.keySet()) {
                l.channel.close().syncUninterruptibly();
            }
        }

        private synchronized void finish() {
            if (finished) {
                throw new IllegalStateException("listener change already committed or aborted");
            }
            finished = true;
        }
    }

    /**
     * Opens, without accepting yet, every address {@code next} binds that no listener binds now;
     * matches the others (same address, preferably the same frontend name) with the listeners
     * that stay. When an address cannot be bound, the ones just opened are closed again and
     * nothing has changed.
     */
    synchronized ListenerChange stage(Plan next) throws RuntimeSetupException {
        if (stopping.get()) {
            throw new RuntimeSetupException("the proxy is stopping");
        }
        List<Wanted> wanted = new ArrayList<>();
        for (Frontend f : next.frontends()) {
            if (f.disabled()) {
                continue;
            }
            for (Listener l : f.listeners()) {
                for (InetSocketAddress a : addresses("frontend '" + f.name() + "': bind " + l.address(), l.address())) {
                    wanted.add(new Wanted(f, l, a));
                }
            }
        }
        List<Listening> free = new ArrayList<>(listening);
        Listening[] match = new Listening[wanted.size()];
        for (boolean sameName : new boolean[] {true, false}) {
            for (int i = 0; i < match.length; i++) {
                if (match[i] != null) {
                    continue;
                }
                Wanted w = wanted.get(i);
                for (Listening l : free) {
                    if (l.key.equals(w.key()) && (!sameName || l.name.latest().equals(w.frontend().name()))) {
                        match[i] = l;
                        free.remove(l);
                        break;
                    }
                }
            }
        }
        Map<Listening, Frontend> kept = new LinkedHashMap<>();
        Map<Listening, String> previousNames = new HashMap<>();
        Map<Listening, Frontend> opened = new LinkedHashMap<>();
        long processMaxconn = ProcessLimits.maxconn(next);
        try {
            for (int i = 0; i < match.length; i++) {
                Wanted w = wanted.get(i);
                if (match[i] != null) {
                    kept.put(match[i], w.frontend());
                    previousNames.put(match[i], match[i].name.latest());
                } else {
                    opened.put(open(w, processMaxconn), w.frontend());
                }
            }
        } catch (RuntimeSetupException e) {
            for (Listening l : opened.keySet()) {
                l.channel.close().syncUninterruptibly();
            }
            throw e;
        }
        return new ListenerChange(next, kept, previousNames, opened, free);
    }

    /**
     * Binds one address, not accepting until a limiter is attached. Its backlog, as HAProxy's: the
     * bind's {@code backlog}, else the frontend's, else the frontend's {@code maxconn}, which is
     * the process's unless set ({@code processMaxconn}, 0 for none: then 1024); the kernel caps
     * it at {@code net.core.somaxconn}.
     */
    private Listening open(Wanted w, long processMaxconn) throws RuntimeSetupException {
        Frontend f = w.frontend();
        Listener l = w.listener();
        long maxconn = f.maxconn() != null ? f.maxconn() : processMaxconn > 0 ? processMaxconn : 1024;
        int backlog = (int) Math.min(65_535, l.backlog() != null ? l.backlog()
                : f.backlog() != null ? f.backlog() : maxconn);
        Listening[] self = new Listening[1];
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.WATER_MARK)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object child) {
                        // counted on the listener's loop, so that at the limit it stops before the next accept
                        ConnectionLimiter limiter = self[0].limiter;
                        limiter.opened();
                        ((Channel) child).closeFuture().addListener(f -> limiter.closed());
                        ctx.fireChannelRead(child);
                    }
                })
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(self[0], ch);
                    }
                });
        Channel c;
        try {
            c = b.bind(w.key()).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new RuntimeSetupException("frontend '" + f.name() + "': cannot bind " + describe(l.address())
                    + " (" + w.key() + "): " + e.getMessage(), e);
        }
        self[0] = new Listening(w.key(), FrontendName.of(f.name()), c, f.mode());
        return self[0];
    }

    private static String describe(Address a) {
        return (a.host().contains(":") ? "[" + a.host() + "]" : a.host()) + ":" + a.port()
                + (a.portEnd() != null ? "-" + a.portEnd() : "");
    }

    /**
     * Tells the listeners that stay which frontend they serve in {@code next}; called before
     * {@code next} is put in force, so that a connection never looks a name up in the wrong plan.
     */
    synchronized void route(ListenerChange change, RuntimePlan next) {
        change.kept.forEach((l, f) -> l.name.rename(next, f.name()));
    }

    /**
     * Completes a change once {@code next} is in force: the new listeners accept, the limits of
     * {@code next} apply to every listener, the listeners {@code next} does not bind close (their
     * connections drain, for at most {@code hard-stop-after}), and the health checks follow
     * {@code next} (unchanged servers keep theirs running).
     */
    synchronized void commit(ListenerChange change, RuntimePlan next) {
        change.finish();
        if (stopping.get()) {
            // stop() closed the listeners it knew: these would outlive it
            change.opened.keySet().forEach(l -> l.channel.close());
            return;
        }
        Plan plan = next.plan();
        Long hardStop = plan.global().hardStopAfterMs();
        global.setMax(next.maxconn());

        Map<Listening, Frontend> all = new LinkedHashMap<>(change.kept);
        all.putAll(change.opened);
        Set<String> served = new HashSet<>();
        all.values().forEach(f -> served.add(f.name()));
        Map<String, ConnectionLimiter> nextLimiters = new HashMap<>();
        Set<ConnectionLimiter> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Frontend f : plan.frontends()) {
            if (!served.contains(f.name())) {
                continue;
            }
            ConnectionLimiter limiter = limiters.get(f.name());
            if (limiter == null) {
                limiter = renamedFrom(change, f, plan);
            }
            if (limiter == null || !taken.add(limiter)) {
                limiter = new ConnectionLimiter(0, global);
                taken.add(limiter);
            }
            nextLimiters.put(f.name(), limiter);
        }
        for (Map.Entry<Listening, Frontend> e : all.entrySet()) {
            Listening l = e.getKey();
            Frontend f = e.getValue();
            ConnectionLimiter limiter = nextLimiters.get(f.name());
            if (l.limiter != limiter) {
                if (l.limiter != null) {
                    l.limiter.detach(l.channel);
                }
                l.limiter = limiter;
            }
            if (!l.mode.equals(f.mode())) {
                // connections of the old mode end as if their listener had closed
                drain(l.cohort, hardStop);
                l.cohort = new Cohort();
                l.mode = f.mode();
            }
        }
        for (Frontend f : plan.frontends()) {
            ConnectionLimiter limiter = nextLimiters.get(f.name());
            if (limiter != null) {
                limiter.setMax(f.maxconn() == null ? 0 : f.maxconn());
            }
        }
        for (ConnectionLimiter old : limiters.values()) {
            if (!taken.contains(old)) {
                old.retire();
            }
        }
        limiters = nextLimiters;
        for (Listening l : change.closed) {
            listening.remove(l);
            if (l.limiter != null) {
                l.limiter.detach(l.channel);
            }
            l.channel.close().syncUninterruptibly();
            drain(l.cohort, hardStop);
        }
        for (Listening l : all.keySet()) {
            listening.add(l);
            l.limiter.attach(l.channel); // accepts now, unless the limit is reached
        }
        syncHealthChecks(next);
        // idle pooled connections to servers the plan no longer has close now, not at their timeout
        Set<InetSocketAddress> servers = next.serverAddresses();
        workers.forEach(loop -> loop.execute(() -> ServerPool.closeIdleExcept(servers)));
    }

    /**
     * The limiter of the frontend that {@code f} renames: every listener {@code f} keeps served
     * one frontend that {@code plan} no longer has. Null otherwise.
     */
    private ConnectionLimiter renamedFrom(ListenerChange change, Frontend f, Plan plan) {
        String from = null;
        for (Map.Entry<Listening, Frontend> e : change.kept.entrySet()) {
            if (e.getValue() != f) {
                continue;
            }
            String previous = change.previousNames.get(e.getKey());
            if (from != null && !from.equals(previous)) {
                return null;
            }
            from = previous;
        }
        if (from == null) {
            return null;
        }
        for (Frontend other : plan.frontends()) {
            if (other.name().equals(from)) {
                return null;
            }
        }
        return limiters.get(from);
    }

    /** Lets a listener's connections end: HTTP ones between requests, all at {@code hardStopMs} at the latest. */
    private void drain(Cohort cohort, Long hardStopMs) {
        cohort.draining = true;
        for (Channel c : cohort.channels) {
            c.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
        }
        if (hardStopMs != null) {
            boss.next().schedule(() -> {
                cohort.channels.close();
            }, hardStopMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Sets up a new client connection with the plan in force now. */
    private void accept(Listening l, Channel ch) {
        if (stopping.get()) {
            Drain.close(ch);
            return;
        }
        RuntimePlan plan = holder.current();
        RuntimePlan.FrontendRuntime fe = plan.frontend(l.name.in(plan)).orElse(null);
        if (fe == null || !Tracking.connectionAccepted(ch, fe.tcpRules(),
                c -> new ConnectionView(c, plan.states().processVariables()))) {
            Drain.close(ch); // no frontend, or tcp-request connection/session reject
            return;
        }
        Cohort cohort = l.cohort;
        clients.add(ch);
        cohort.channels.add(ch);
        Timeouts t = fe.frontend().timeouts();
        boolean http = fe.frontend().mode().equals("http");
        ch.pipeline().addLast(TurnFlush.NAME, new TurnFlush());
        ch.pipeline().addLast(SessionMeter.NAME, SessionMeter.open(ch, fe.counters(), plan.states().stats().process(),
                http));
        Long idle = http || t.tunnelMs() == null ? t.clientMs() : null;
        if (idle != null && idle > 0) {
            ch.pipeline().addLast("idle", new ActivityTimeout(idle));
        }
        if (http) {
            ch.pipeline().addLast("codec", Codecs.facingClients());
            ch.pipeline().addLast("http", new HttpFrontend(holder, l.name, transport.channel(),
                    () -> cohort.draining || stopping.get()));
        } else {
            ch.pipeline().addLast("tcp", new TcpFrontend(plan, fe, transport.channel()));
        }
    }

        /**
     * The TCP addresses a listening address stands for: one, or one per port of a range; an empty
     * host or {@code *} is every address ({@code ::} with {@code ipv6@}). Messages start with
     * {@code where}, e.g. {@code frontend 'www': bind :80}.
     */
    public static List<InetSocketAddress> addresses(String where, Address a) throws RuntimeSetupException {
        String family = a.family();
        if (family != null && !family.equals("ipv4") && !family.equals("ipv6")) {
            throw new RuntimeSetupException(where + ": address family '" + family
                    + "@' is not supported by Sluice's runtime");
        }
        if (a.port() == null || a.portOffset()) {
            throw new RuntimeSetupException(where + ": a TCP address needs a port");
        }
        String host = a.host().isEmpty() || a.host().equals("*") ? "ipv6".equals(family) ? "::" : "0.0.0.0" : a.host();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new RuntimeSetupException(where + ": cannot resolve '" + a.host() + "'");
        }
        int last = a.portEnd() != null ? a.portEnd() : a.port();
        List<InetSocketAddress> out = new ArrayList<>();
        for (int port = a.port(); port <= last; port++) {
            out.add(new InetSocketAddress(address, port));
        }
        return out;
    }

    // ---- health checks

    /** What a server's checks depend on: a change restarts them. */
    private record CheckSpec(ServerState state, InetSocketAddress target, ServerCheck check, HealthCheck http,
            long timeoutMs) {}

    private record RunningCheck(CheckSpec spec, HealthChecker checker) {}

    /**
     * Runs the health checks of every server of {@code plan} with {@code check}: each server's
     * checks run on one event loop and drive its up/down state, which the balancers follow. A
     * server whose check settings did not change keeps its checker (and its rise/fall count); a
     * changed one starts from the server's current state; a server whose checks are turned off is
     * up again.
     */
    private void syncHealthChecks(RuntimePlan plan) {
        Map<List<String>, CheckSpec> wanted = new LinkedHashMap<>();
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
                wanted.put(List.of(b.name(), s.name()), new CheckSpec(state, target, s.check(), b.healthCheck(),
                        timeout));
            }
        }
        for (var it = checks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<List<String>, RunningCheck> e = it.next();
            CheckSpec spec = wanted.get(e.getKey());
            if (Objects.equals(spec, e.getValue().spec())) {
                continue;
            }
            e.getValue().checker().stop();
            it.remove();
            ServerState state = e.getValue().spec().state();
            if (spec == null && !state.isRemoved()) {
                state.setUp(true); // no check any more: nothing would ever bring it up
            }
        }
        wanted.forEach((key, spec) -> {
            if (checks.containsKey(key)) {
                return;
            }
            String backend = key.get(0);
            String server = key.get(1);
            ServerState state = spec.state();
            HealthChecker checker = new HealthChecker(workers.next(), transport.channel(), spec.target(),
                    spec.check(), spec.http(), spec.timeoutMs(), up -> {
                        state.setUp(up);
                        System.err.printf("[%s]   (%d) : Server %s/%s is %s.%n", up ? "NOTICE" : "WARNING",
                                ProcessHandle.current().pid(), backend, server, up ? "UP" : "DOWN");
                    }, r -> state.counters().checked(new ServerCounters.Check(r.result().status(), r.result().code(),
                            r.durationMs(), r.result().reason(), r.health(), System.currentTimeMillis())));
            checks.put(key, new RunningCheck(spec, checker));
            checker.start(state.isUp());
        });
    }

    /**
     * Brings the health checks in line with the plan in force after a server's address changed at
     * run time: the checks of a moved server start again towards its new address.
     */
    public synchronized void refreshHealthChecks() {
        if (!stopping.get()) {
            syncHealthChecks(holder.current());
        }
    }

    /** The checker running for {@code backend}/{@code server}, or null: for tests. */
    synchronized HealthChecker healthChecker(String backend, String server) {
        RunningCheck c = checks.get(List.of(backend, server));
        return c == null ? null : c.checker();
    }

    // ---- stop

    /**
     * Stops accepting, lets open connections finish for at most {@code grace} (HTTP connections
     * between requests close at once, the others after their response), then closes what is left
     * and releases the threads.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            stopping.set(true);
            checks.values().forEach(c -> c.checker().stop());
            for (Listening l : listening) {
                l.channel.close().syncUninterruptibly();
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

    /** Whether {@link #stop} has begun. */
    public boolean isStopping() {
        return stopping.get();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
