package dev.sluice.runtime.admin;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.StatsSocket;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.Reloader;
import dev.sluice.runtime.RuntimeSetupException;
import dev.sluice.runtime.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runtime API: HAProxy's command-line interface on every {@code stats socket} of the plan, a
 * UNIX socket (its file given the socket's {@code mode}, {@code user} and {@code group}) or a TCP
 * one ({@code ipv4@}, {@code ipv6@}, {@code host:port}). A connection gets the socket's
 * {@code level} and is closed after {@code stats timeout} (10 s by default) without a line.
 *
 * <p>The sockets follow reloads ({@link Reloader.Participant}): a socket whose address stays is
 * kept (new connections get its new level, its file its new permissions), a new one opens before
 * the new plan goes into force (one that cannot open rejects the reload), a removed one closes
 * (and its file goes) once the new plan is in force; the sessions open on it go on.
 *
 * <p>Connections are served on one event-loop thread of their own, apart from the proxy's.
 */
public final class AdminServer implements Reloader.Participant, AutoCloseable {

    /** HAProxy's {@code stats timeout} when none is set. */
    static final long DEFAULT_TIMEOUT_MS = 10_000;

    private final Transport transport;
    private final EventLoopGroup group;
    private final Commands commands;
    private volatile long timeoutMs = DEFAULT_TIMEOUT_MS;

    // guarded by this
    private final Map<String, Listening> sockets = new LinkedHashMap<>();
    private boolean closed;

    /** One listening socket, known across reloads by its address. */
    private static final class Listening {

        final String key;
        final Channel channel;
        /** The socket's file, or null for TCP. */
        final Path path;
        final Object fileKey;
        volatile Level level;

        Listening(String key, Channel channel, Path path, Object fileKey, Level level) {
            this.key = key;
            this.channel = channel;
            this.path = path;
            this.fileKey = fileKey;
            this.level = level;
        }

        void close() {
            channel.close().syncUninterruptibly();
            if (path != null) {
                SocketFile.remove(path, fileKey);
            }
        }
    }

    /** What a plan wants of one socket. */
    private record Wanted(String key, String where, SocketAddress address, Path path, Level level,
            SocketFile.Access access) {}

    private AdminServer(AdminContext context) {
        this.transport = context.proxy().transport();
        this.group = transport.group(1);
        List<Command> all = new ArrayList<>();
        all.addAll(new InfoCommands(context, this::socketCount, hostName()).commands());
        all.add(new StatCsv(context.proxy()).command());
        all.addAll(new ServerCommands(context.proxy()).commands());
        all.addAll(new TableCommands(context.tables()).commands());
        this.commands = new Commands(all);
    }

    /** Opens the runtime API on {@code plan}'s {@code stats socket}s; none is fine. */
    public static AdminServer start(AdminContext context, Plan plan) throws RuntimeSetupException {
        AdminServer server = new AdminServer(context);
        try {
            server.stage(plan).commit();
        } catch (RuntimeSetupException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The addresses the sockets listen on (a TCP port 0 resolved to the real port), in order. */
    public synchronized List<SocketAddress> boundAddresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (Listening l : sockets.values()) {
            out.add(l.path != null ? java.net.UnixDomainSocketAddress.of(l.path) : l.channel.localAddress());
        }
        return out;
    }

    private synchronized int socketCount() {
        return sockets.size();
    }

    /** The commands, for the documentation's test. */
    List<Command> commands() {
        return commands.all();
    }

    @Override
    public synchronized Reloader.Staged stage(Plan next) throws RuntimeSetupException {
        if (closed) {
            throw new RuntimeSetupException("the runtime API is closed");
        }
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (StatsSocket s : next.global().statsSockets()) {
            for (Wanted w : wanted(s)) {
                if (w.path() != null && wanted.containsKey(w.key())) {
                    throw new RuntimeSetupException(w.where() + ": the same path is given twice");
                }
                // a second line for the same TCP address is a second socket (port 0), or fails to bind
                String key = w.key();
                for (int n = 2; wanted.containsKey(key); n++) {
                    key = w.key() + "#" + n;
                }
                wanted.put(key, new Wanted(key, w.where(), w.address(), w.path(), w.level(), w.access()));
            }
        }
        Map<String, Listening> opened = new LinkedHashMap<>();
        try {
            for (Wanted w : wanted.values()) {
                if (!sockets.containsKey(w.key())) {
                    opened.put(w.key(), open(w));
                }
            }
        } catch (RuntimeSetupException | RuntimeException e) {
            opened.values().forEach(Listening::close);
            throw e;
        }
        Long timeout = next.global().statsTimeoutMs();
        return new Reloader.Staged() {
            @Override
            public void commit() {
                commitChange(wanted, opened, timeout == null ? DEFAULT_TIMEOUT_MS : timeout);
            }

            @Override
            public void abort() {
                opened.values().forEach(Listening::close);
            }
        };
    }

    private synchronized void commitChange(Map<String, Wanted> wanted, Map<String, Listening> opened, long timeout) {
        if (closed) {
            opened.values().forEach(Listening::close); // close() came first: these would outlive it
            return;
        }
        timeoutMs = timeout;
        for (var it = sockets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Listening> e = it.next();
            Wanted w = wanted.get(e.getKey());
            if (w == null) {
                e.getValue().close();
                it.remove();
                continue;
            }
            e.getValue().level = w.level();
            if (w.path() != null) {
                try {
                    SocketFile.apply(w.where(), w.path(), w.access());
                } catch (RuntimeSetupException ex) {
                    System.err.printf("[WARNING]  (%d) : sluice : %s%n", ProcessHandle.current().pid(),
                            ex.getMessage());
                }
            }
        }
        sockets.putAll(opened);
    }

    /** The sockets a {@code stats socket} line stands for: one, or one per port of a range. */
    private static List<Wanted> wanted(StatsSocket s) throws RuntimeSetupException {
        Address a = s.address();
        String where = "stats socket " + a;
        Level level;
        try {
            level = s.level() == null ? Level.DEFAULT : Level.of(s.level());
        } catch (IllegalArgumentException e) {
            throw new RuntimeSetupException(where + ": " + e.getMessage());
        }
        String family = a.family();
        if ("unix".equals(family) || family == null && a.host().startsWith("/")) {
            Path path = Path.of(a.host()).toAbsolutePath().normalize();
            SocketFile.Access access = SocketFile.Access.of(where, s.mode(), s.user(), s.group());
            return List.of(new Wanted("unix:" + path, where, null, path, level, access));
        }
        List<Wanted> out = new ArrayList<>();
        for (InetSocketAddress address : ProxyServer.addresses(where, a)) {
            out.add(new Wanted("tcp:" + address, where, address, null, level, null));
        }
        return out;
    }

    private Listening open(Wanted w) throws RuntimeSetupException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(w.path() != null ? transport.serverDomainChannel() : transport.serverChannel())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        Listening[] self = new Listening[1];
        b.childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("idle", new IdleStateHandler(timeoutMs, 0, 0, TimeUnit.MILLISECONDS));
                ch.pipeline().addLast("cli", new CliHandler(commands, self[0].level));
            }
        });
        if (w.path() == null) {
            b.option(ChannelOption.SO_REUSEADDR, true);
            Channel c = bind(b, w.address(), w.where());
            self[0] = new Listening(w.key(), c, null, null, w.level());
            return self[0];
        }
        Path path = w.path();
        Path temporary = SocketFile.temporary(path);
        SocketFile.prepare(w.where(), path);
        Channel c = bind(b, transport.domainAddress(temporary), w.where());
        try {
            SocketFile.apply(w.where(), temporary, w.access());
            Object key = SocketFile.moveIntoPlace(w.where(), temporary, path);
            self[0] = new Listening(w.key(), c, path, key, w.level());
            return self[0];
        } catch (RuntimeSetupException e) {
            c.close().syncUninterruptibly();
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to undo
            }
            throw e;
        }
    }

    private static Channel bind(ServerBootstrap b, SocketAddress address, String where) throws RuntimeSetupException {
        try {
            return b.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new RuntimeSetupException(where + ": cannot bind: " + e.getMessage(), e);
        }
    }

    /** The host's name, as {@code gethostname} gives it, without a lookup. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "";
        }
    }

    /** Closes every socket (their files go) and the sessions' thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            sockets.values().forEach(Listening::close);
            sockets.clear();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
