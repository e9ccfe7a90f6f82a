package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A proxy a runtime test starts on a configuration's text, its reloader, and the servers and
 * sockets the test opened; {@link #close()} closes them all, the reloader and the proxy first.
 */
final class ProxyFixture implements AutoCloseable {

    /** The HTTP defaults section most runtime tests' configurations start with. */
    static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            """;

    /** The same defaults in {@code mode tcp}, for the relay tests. */
    static final String TCP_DEFAULTS = DEFAULTS.replace("mode http", "mode tcp");

    /** A frontend that sends every request to backend app, whose lines follow; after a defaults section. */
    static final String TO_APP = """
            frontend www
                bind 127.0.0.1:0
                default_backend app
            backend app
            """;

    final List<AutoCloseable> open = new ArrayList<>();
    /** What the reloader reported, in order. */
    final List<ReloadResult> reloads = new CopyOnWriteArrayList<>();
    ProxyServer proxy;
    Reloader reloader;

    /** {@code config} compiled for the default HAProxy version; a syntax error fails the test. */
    static Plan compile(String config) {
        ParseResult parsed = ConfigLoader.parse("test.cfg", config, ParseOptions.defaults());
        assertThat(parsed.hasErrors()).as(parsed.diagnostics().toString()).isFalse();
        try {
            return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
        } catch (CompileException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts the proxy on {@code config} with two event-loop threads, and a reloader for it. */
    void start(String config) throws Exception {
        proxy = ProxyServer.start(new PlanHolder(RuntimePlan.prepare(compile(config))), TransportUnderTest.get(), 2);
        reloader = new Reloader(proxy, Path.of(""), reloads::add);
    }

    /** Reloads the plan {@code config} compiles to, unchecked; the reloader's result. */
    ReloadResult reload(String config) throws Exception {
        return reloader.reload(() -> new Reloader.Loaded(compile(config), List.of())).get(20, TimeUnit.SECONDS);
    }

    /** The port of the first address {@code frontend} listens on. */
    int port(String frontend) {
        return proxy.boundAddresses(frontend).get(0).getPort();
    }

    /** An HTTP server named {@code name}, closed with the fixture. */
    Backends.Http http(String name) throws IOException {
        Backends.Http b = new Backends.Http(name);
        open.add(b);
        return b;
    }

    /** An echo server, closed with the fixture. */
    Backends.Echo echo() throws IOException {
        Backends.Echo e = new Backends.Echo();
        open.add(e);
        return e;
    }

    @Override
    public void close() throws Exception {
        if (reloader != null) {
            reloader.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
