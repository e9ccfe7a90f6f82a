package dev.sluice.runtime;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.CookiePersistence;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.balance.BackendState;
import dev.sluice.runtime.balance.RetryPolicy;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.balance.ServerStates;
import dev.sluice.runtime.l7.HttpRules;
import dev.sluice.runtime.sample.CompiledCondition;
import dev.sluice.runtime.sample.CompiledFormat;
import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.SampleCompiler;
import dev.sluice.runtime.stats.Counters;
import dev.sluice.runtime.stick.StickTables;
import dev.sluice.runtime.stick.TableSet;
import dev.sluice.runtime.track.StickRules;
import dev.sluice.runtime.track.TcpRequestRules;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan made ready to run: server addresses resolved, conditions, samples and rules compiled,
 * each backend tied to its live state and each stick table to its registry (both outlive the
 * plan: server health, weights and counters, and table entries, carry over a reload). Built off
 * the event loops (it may resolve host names and read map and pattern files), then shared,
 * read-only, by every connection that took it from the {@link PlanHolder}.
 */
public final class RuntimePlan {

    private final Plan plan;
    private final ServerStates states;
    private final StickTables stickTables;
    private final Map<String, FrontendRuntime> frontends;
    private final Map<String, BackendRuntime> backends;
    private final long maxconn;

    private RuntimePlan(Plan plan, long maxconn, ServerStates states, StickTables stickTables,
            Map<String, FrontendRuntime> frontends, Map<String, BackendRuntime> backends) {
        this.plan = plan;
        this.maxconn = maxconn;
        this.states = states;
        this.stickTables = stickTables;
        this.frontends = Map.copyOf(frontends);
        this.backends = Map.copyOf(backends);
    }

    /** Prepares {@code plan} with fresh server state, relative file names from the working directory. */
    public static RuntimePlan prepare(Plan plan) throws RuntimeSetupException {
        return prepare(plan, Path.of(""), new ServerStates());
    }

    /** Prepares {@code plan} with fresh server state, relative file names starting from {@code base}. */
    public static RuntimePlan prepare(Plan plan, Path base) throws RuntimeSetupException {
        return prepare(plan, base, new ServerStates());
    }

    /**
     * Prepares {@code plan} to run with {@code states} (brought up to date with the plan), relative
     * file names (error pages, maps, pattern files) starting from {@code base}.
     */
    public static RuntimePlan prepare(Plan plan, Path base, ServerStates states) throws RuntimeSetupException {
        return prepare(plan, base, states, new StickTables());
    }

    /**
     * Prepares {@code plan} to run with {@code states} and the stick tables of {@code tables}
     * (both brought up to date with the plan, once nothing can fail any more), relative file names
     * starting from {@code base}.
     */
    public static RuntimePlan prepare(Plan plan, Path base, ServerStates states, StickTables tables)
            throws RuntimeSetupException {
        SampleCompiler files = new SampleCompiler(base);
        Map<String, BackendRuntime> backends = new LinkedHashMap<>();
        ErrorPages.Sources sources = ErrorPages.Sources.of(plan.httpErrors(), base);
        try {
            StickTables.Staged staged = tables.stage(plan);
            TableSet stick = staged.tables();
            for (Backend b : plan.backends()) {
                SampleCompiler compiler = files.inProxy(b.name(), stick);
                ErrorPages.Sources pages = sources.inProxy(b.name());
                Map<String, InetSocketAddress> addresses = new HashMap<>();
                for (Server s : b.servers()) {
                    addresses.put(s.name(), resolve(b.name() + "/" + s.name(), s.address()));
                }
                backends.put(b.name(), new BackendRuntime(b, addresses, new HttpSide(
                        pages.pages(b.errorPages()),
                        requestRules(b.defaultsRules(), b.rules(), compiler, pages), HttpRules.redirects(b.redirects(),
                        compiler), responseRules(b.defaultsRules(), b.rules(), compiler, pages)),
                        TcpRequestRules.ofBackend(b.defaultsRules(), b.rules(), compiler, stick),
                        StickRules.of(b, compiler, addresses)));
            }
            Map<String, FrontendRuntime> frontends = new LinkedHashMap<>();
            for (Frontend f : plan.frontends()) {
                SampleCompiler compiler = files.inProxy(f.name(), stick);
                ErrorPages.Sources pages = sources.inProxy(f.name());
                List<Route> routes = new ArrayList<>();
                for (BackendSwitch s : f.useBackends()) {
                    routes.add(new Route(compiler.condition(s.condition()), s.backend(),
                            s.dynamic() == null ? null : compiler.format(s.dynamic())));
                }
                frontends.put(f.name(), new FrontendRuntime(f, routes, new HttpSide(
                        pages.pages(f.errorPages()),
                        requestRules(f.defaultsRules(), f.rules(), compiler, pages), HttpRules.redirects(f.redirects(),
                        compiler), responseRules(f.defaultsRules(), f.rules(), compiler, pages)),
                        TcpRequestRules.of(f.defaultsRules(), f.rules(), compiler, stick)));
            }
            long maxconn = ProcessLimits.maxconn(plan);
            staged.commit();
            states.reconcile(plan, maxconn);
            backends.values().forEach(b -> b.state = states.backend(b.backend.name()));
            frontends.values().forEach(f -> f.counters = states.stats().frontend(f.frontend.name()));
            return new RuntimePlan(plan, maxconn, states, tables, frontends, backends);
        } catch (IllegalArgumentException e) {
            throw new RuntimeSetupException(e.getMessage(), e);
        }
    }

    private static List<HttpRules> requestRules(Rules defaults, Rules own, SampleCompiler compiler,
            ErrorPages.Sources pages) throws RuntimeSetupException {
        return List.of(HttpRules.of(defaults.httpRequest(), compiler, false, pages),
                HttpRules.of(own.httpRequest(), compiler, false, pages));
    }

    private static List<HttpRules> responseRules(Rules defaults, Rules own, SampleCompiler compiler,
            ErrorPages.Sources pages) throws RuntimeSetupException {
        return List.of(HttpRules.of(defaults.httpResponse(), compiler, true, pages),
                HttpRules.of(own.httpResponse(), compiler, true, pages));
    }

    public Plan plan() {
        return plan;
    }

    /**
     * The process's {@code maxconn}: the global section's, else derived from the descriptor limit
     * as HAProxy derives it ({@link ProcessLimits}); also every frontend's limit where it sets none.
     */
    public long maxconn() {
        return maxconn;
    }

    /** The live state of every backend and server. */
    public ServerStates states() {
        return states;
    }

    /** Every stick table, across reloads: what {@code show table} and {@code clear table} read. */
    public StickTables stickTables() {
        return stickTables;
    }

    public Optional<FrontendRuntime> frontend(String name) {
        return Optional.ofNullable(frontends.get(name));
    }

    /** Where new connections to the plan's servers go (addresses set at run time included). */
    public java.util.Set<InetSocketAddress> serverAddresses() {
        java.util.Set<InetSocketAddress> out = new java.util.HashSet<>();
        for (BackendRuntime b : backends.values()) {
            for (ServerState s : b.state().servers()) {
                InetSocketAddress a = b.address(s);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    public Optional<BackendRuntime> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    private static InetSocketAddress resolve(String what, Address a) throws RuntimeSetupException {
        if (a.family() != null && !a.family().equals("ipv4") && !a.family().equals("ipv6")) {
            throw new RuntimeSetupException("server " + what + ": address family '" + a.family()
                    + "@' is not supported by the runtime yet");
        }
        if (a.port() == null) {
            throw new RuntimeSetupException("server " + what + ": no port (the runtime needs one)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(a.host()), a.port());
        } catch (UnknownHostException e) {
            throw new RuntimeSetupException("server " + what + ": cannot resolve '" + a.host() + "'");
        }
    }

    /**
     * What a frontend or a backend does to HTTP messages: its replacements for the proxy's own
     * responses, its {@code http-request} sets (the named defaults' first, then its own), its
     * {@code redirect} lines, its {@code http-response} sets.
     */
    public record HttpSide(ErrorPages errors, List<HttpRules> requestRules, HttpRules redirects,
            List<HttpRules> responseRules) {

        public HttpSide {
            requestRules = List.copyOf(requestRules);
            responseRules = List.copyOf(responseRules);
        }
    }

    /** A {@code use_backend} rule: a condition and a backend, named or built per request. */
    public record Route(CompiledCondition condition, String backend, CompiledFormat dynamic) {}

    /** A frontend, its rules and where its traffic goes. */
    public static final class FrontendRuntime {

        private final Frontend frontend;
        private final List<Route> routes;
        private final HttpSide http;
        private Counters counters;
        private final TcpRequestRules tcpRules;

        FrontendRuntime(Frontend frontend, List<Route> routes, HttpSide http, TcpRequestRules tcpRules) {
            this.frontend = Objects.requireNonNull(frontend, "frontend");
            this.routes = List.copyOf(routes);
            this.http = http;
            this.tcpRules = tcpRules;
        }

        public Frontend frontend() {
            return frontend;
        }

        /** Its {@code tcp-request connection}, {@code session} and {@code content} rules. */
        public TcpRequestRules tcpRules() {
            return tcpRules;
        }

        /** The frontend's error pages and HTTP rules. */
        public HttpSide http() {
            return http;
        }

        /** The frontend's statistics, kept across reloads. */
        public Counters counters() {
            return counters;
        }

        /**
         * The backend for what {@code x} shows: the first {@code use_backend} whose condition holds
         * (a dynamic name that names no backend is skipped), else {@code default_backend}.
         */
        public Optional<String> route(Exchange x, java.util.function.Predicate<String> exists) {
            for (Route r : routes) {
                if (!r.condition().test(x)) {
                    continue;
                }
                String name = r.backend() != null ? r.backend() : r.dynamic().render(x);
                if (exists.test(name)) {
                    return Optional.of(name);
                }
            }
            return Optional.ofNullable(frontend.defaultBackend());
        }
    }

    /** A backend: its servers' addresses and live state, its rules and its persistence. */
    public static final class BackendRuntime {

        private final Backend backend;
        private final Map<String, InetSocketAddress> addresses;
        private final HttpSide http;
        private final RetryPolicy retryPolicy;
        private final TcpRequestRules tcpRules;
        private final StickRules stickRules;
        private BackendState state;

        BackendRuntime(Backend backend, Map<String, InetSocketAddress> addresses, HttpSide http,
                TcpRequestRules tcpRules, StickRules stickRules) {
            this.backend = backend;
            this.addresses = Map.copyOf(addresses);
            this.http = http;
            this.retryPolicy = RetryPolicy.of(backend);
            this.tcpRules = tcpRules;
            this.stickRules = stickRules;
        }

        /** Its {@code tcp-request content} rules. */
        public TcpRequestRules tcpRules() {
            return tcpRules;
        }

        /** Its {@code stick} rules (server persistence by a stick table). */
        public StickRules stickRules() {
            return stickRules;
        }

        public Backend backend() {
            return backend;
        }

        /** The live state: servers, balancer, queues. */
        public BackendState state() {
            return state;
        }

        public RetryPolicy retryPolicy() {
            return retryPolicy;
        }

        /**
         * Counts a failed connection to {@code server} and says what to do next: retry it, pick
         * another, or give up ({@code retries}, {@code option redispatch}). A connection error
         * (refused, reset) pauses before the same server is tried again; a timeout does not.
         */
        public RetryPolicy.Decision connectFailed(ServerState server, int retriesDone, boolean persistent,
                Throwable cause) {
            server.recordFailure();
            int activeUp = (int) state.servers().stream().filter(s -> !s.isBackup() && s.isUsable()).count();
            RetryPolicy.Decision d = retryPolicy.afterFailure(retriesDone, persistent, server.isUp(), activeUp,
                    !(cause instanceof io.netty.channel.ConnectTimeoutException));
            switch (d.action()) {
                case RETRY_SAME -> {
                    server.counters().retry();
                    state.counters().retry();
                }
                case REDISPATCH -> {
                    server.counters().redispatch();
                    state.counters().redispatch();
                }
                case GIVE_UP -> { }
            }
            return d;
        }

        /** Where new connections to {@code server} go: the address set at run time, else the configured one. */
        public InetSocketAddress address(ServerState server) {
            return server.address(addresses.get(server.name()));
        }

        /** Where the configuration puts {@code server}, resolved. */
        public InetSocketAddress configuredAddress(String server) {
            return addresses.get(server);
        }

        /** The backend's statistics, kept across reloads with its state. */
        public Counters counters() {
            return state.counters();
        }

        /** The backend's error pages and HTTP rules. */
        public HttpSide http() {
            return http;
        }

        /** Cookie persistence ({@code cookie NAME insert|rewrite|prefix ...}), or null. */
        public CookiePersistence cookie() {
            return backend.cookie();
        }

        /** The server whose {@code cookie} value is {@code value}, if any. */
        public Optional<ServerState> serverByCookie(String value) {
            for (Server s : backend.servers()) {
                if (value.equals(s.cookie())) {
                    return Optional.ofNullable(state.server(s.name()));
                }
            }
            return Optional.empty();
        }
    }
}
