package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.runtime.PlanHolder;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.Reloader;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.Transport;
import dev.sluice.runtime.TransportUnderTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy with its runtime API, started by a test on 127.0.0.1 (ports chosen by the system) and
 * closed by it, with HTTP servers that answer their own name.
 */
final class AdminFixture implements AutoCloseable {

    static final String VERSION = "9.8.7-test";

    /**
     * What follows the global section of a test of the runtime API alone: the defaults, and a
     * frontend whose backend's one server nobody listens on.
     */
    static final String MINIMAL_PROXY = """
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:0
                default_backend web
            backend web
                server w1 127.0.0.1:1
            """;

    final List<AutoCloseable> open = new ArrayList<>();
    ProxyServer proxy;
    Reloader reloader;
    AdminServer admin;
    StickTableView tables = StickTableView.NONE;
    /** Whether the runtime API sees the proxy's own stick tables (else {@link #tables}). */
    boolean proxyTables;
    Transport transport = TransportUnderTest.get();

    static Plan compile(String config) {
        ParseResult parsed = ConfigLoader.parse("test.cfg", config, ParseOptions.defaults());
        assertThat(parsed.hasErrors()).as(parsed.diagnostics().toString()).isFalse();
        try {
            return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Starts the proxy and its runtime API on {@code config}; reloads read {@code source}. */
    AdminFixture start(String config, Reloader.Source source) throws Exception {
        Plan plan = compile(config);
        proxy = ProxyServer.start(new PlanHolder(RuntimePlan.prepare(plan)), transport, 2);
        reloader = new Reloader(proxy, Path.of(""), r -> { });
        if (proxyTables) {
            tables = StickTableView.of(proxy.plan().stickTables());
        }
        AdminContext.Reloads reloads = source == null ? AdminContext.Reloads.NONE
                : AdminContext.Reloads.of(reloader, source);
        admin = AdminServer.start(new AdminContext(proxy, reloads, tables, VERSION, Instant.now()), plan);
        reloader.add(admin);
        return this;
    }

    AdminFixture start(String config) throws Exception {
        return start(config, null);
    }

    /** The {@code i}-th stats socket's address. */
    SocketAddress socket(int i) {
        return admin.boundAddresses().get(i);
    }

    /** {@code echo "command" | socat - SOCKET}. */
    String cli(int socket, String command) throws IOException {
        return CliClient.oneShot(socket(socket), command + "\n");
    }

    int port(String frontend) {
        return proxy.boundAddresses(frontend).get(0).getPort();
    }

    /** An HTTP server on 127.0.0.1 that answers every request with its name. */
    int web(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.createContext("/", e -> {
            byte[] body = name.getBytes(StandardCharsets.US_ASCII);
            e.sendResponseHeaders(e.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        s.start();
        open.add(() -> s.stop(0));
        return s.getAddress().getPort();
    }

    /** GET {@code path} through frontend {@code frontend}: the status and the body. */
    String get(HttpClient client, String frontend, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(frontend)
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Override
    public void close() throws Exception {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (reloader != null) {
            reloader.close();
            reloader = null;
        }
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
    }
}
