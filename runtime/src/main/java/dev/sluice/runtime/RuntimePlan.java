package dev.sluice.runtime;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plan made ready to run: server addresses resolved, backends with their server pickers,
 * frontends with their routing. Built off the event loops (it may resolve host names), then
 * shared, read-only, by every connection that took it from the {@link PlanHolder}.
 */
public final class RuntimePlan {

    private final Plan plan;
    private final Map<String, FrontendRuntime> frontends;
    private final Map<String, BackendRuntime> backends;

    private RuntimePlan(Plan plan, Map<String, FrontendRuntime> frontends, Map<String, BackendRuntime> backends) {
        this.plan = plan;
        this.frontends = Map.copyOf(frontends);
        this.backends = Map.copyOf(backends);
    }

    /** Prepares {@code plan} to run, relative file names starting from the working directory. */
    public static RuntimePlan prepare(Plan plan) throws RuntimeSetupException {
        return prepare(plan, java.nio.file.Path.of(""));
    }

    /** Prepares {@code plan} to run, relative file names (error pages, maps) starting from {@code base}. */
    public static RuntimePlan prepare(Plan plan, java.nio.file.Path base) throws RuntimeSetupException {
        Map<String, BackendRuntime> backends = new LinkedHashMap<>();
        for (Backend b : plan.backends()) {
            List<ServerRuntime> servers = new ArrayList<>();
            for (Server s : b.servers()) {
                servers.add(new ServerRuntime(s, resolve(b.name() + "/" + s.name(), s.address())));
            }
            backends.put(b.name(), new BackendRuntime(b, servers, ErrorPages.of(b.name(), b.errorPages(), base)));
        }
        Map<String, FrontendRuntime> frontends = new LinkedHashMap<>();
        for (Frontend f : plan.frontends()) {
            frontends.put(f.name(), new FrontendRuntime(f, ErrorPages.of(f.name(), f.errorPages(), base)));
        }
        return new RuntimePlan(plan, frontends, backends);
    }

    public Plan plan() {
        return plan;
    }

    public Optional<FrontendRuntime> frontend(String name) {
        return Optional.ofNullable(frontends.get(name));
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

    /** A frontend and where its connections go. */
    public static final class FrontendRuntime {

        private final Frontend frontend;
        private final ErrorPages errors;

        FrontendRuntime(Frontend frontend, ErrorPages errors) {
            this.frontend = Objects.requireNonNull(frontend, "frontend");
            this.errors = errors;
        }

        public Frontend frontend() {
            return frontend;
        }

        /** The frontend's replacements for the proxy's own responses. */
        public ErrorPages errors() {
            return errors;
        }

        /**
         * The backend a connection goes to when no condition needs a request: the first
         * unconditional {@code use_backend}, else {@code default_backend}.
         */
        public Optional<String> connectionBackend() {
            for (BackendSwitch s : frontend.useBackends()) {
                if (s.condition() == null && s.backend() != null) {
                    return Optional.of(s.backend());
                }
            }
            return Optional.ofNullable(frontend.defaultBackend());
        }
    }

    /** A backend with its servers. */
    public static final class BackendRuntime {

        private final Backend backend;
        private final List<ServerRuntime> servers;
        private final AtomicLong next = new AtomicLong();
        private final ErrorPages errors;

        BackendRuntime(Backend backend, List<ServerRuntime> servers, ErrorPages errors) {
            this.backend = backend;
            this.servers = List.copyOf(servers);
            this.errors = errors;
        }

        /** The backend's replacements for the proxy's own responses. */
        public ErrorPages errors() {
            return errors;
        }

        public Backend backend() {
            return backend;
        }

        public List<ServerRuntime> servers() {
            return servers;
        }

        /** The next server to try, avoiding {@code tried}; empty when none is left. */
        public Optional<ServerRuntime> pick(List<ServerRuntime> tried) {
            List<ServerRuntime> usable = servers.stream()
                    .filter(s -> !s.server().disabled() && !s.server().backup() && !tried.contains(s)).toList();
            if (usable.isEmpty()) {
                usable = servers.stream()
                        .filter(s -> !s.server().disabled() && s.server().backup() && !tried.contains(s)).toList();
            }
            if (usable.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(usable.get((int) Math.floorMod(next.getAndIncrement(), (long) usable.size())));
        }
    }

    /** A server and its resolved address. */
    public record ServerRuntime(Server server, InetSocketAddress address) {

        public String name() {
            return server.name();
        }
    }
}
