package dev.sluice.runtime;

import static dev.sluice.runtime.ProxyFixture.DEFAULTS;
import static dev.sluice.runtime.ProxyFixture.TCP_DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.runtime.balance.ServerState;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hot reload with real sockets on 127.0.0.1: routing changes, connections and requests that
 * cross a reload, listeners opened and closed, reloads rejected with nothing changed, and server
 * state carried over.
 */
@Timeout(60)
class ReloaderTest {

    private final ProxyFixture f = new ProxyFixture();

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    // ---- helpers

    /** Reloads {@code config} as the configuration files would be: checked first, as a start checks them. */
    private ReloadResult reload(String config) throws Exception {
        return f.reloader.reload(checked(config)).get(20, TimeUnit.SECONDS);
    }

    private static Reloader.Source checked(String config) {
        return () -> {
            ParseResult parsed = ConfigLoader.parse("test.cfg", config, ParseOptions.defaults());
            CheckResult result = new Checker(CheckOptions.of(ParseOptions.defaults()),
                    CatalogOracle.forVersion(HaproxyVersion.DEFAULT)).check(parsed);
            List<String> lines = result.diagnostics().stream()
                    .filter(d -> d.severity() == Severity.ALERT || d.severity() == Severity.WARNING)
                    .map(d -> d.severity() + ": " + d.text()).toList();
            if (result.verdict() != CheckResult.Verdict.VALID) {
                throw new Reloader.Rejected("the configuration has errors", lines);
            }
            try {
                return new Reloader.Loaded(Compiler.compile(result.config(), HaproxyVersion.DEFAULT), lines);
            } catch (Exception e) {
                throw new Reloader.Rejected(e.getMessage(), lines);
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A socket connected to {@code port} on the loopback address, whose reads give up after 5 seconds. */
    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5_000);
        return s;
    }

    private static final String HTTP = DEFAULTS + """
            frontend www
                bind 127.0.0.1:%d
                default_backend %s
            backend one
                server s1 127.0.0.1:%d
            backend two
                server s2 127.0.0.1:%d
            """;

    /** A keep-alive HTTP/1.1 client on one socket that reads responses framed by Content-Length. */
    private static final class Client implements AutoCloseable {

        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** The status line and headers (names in lower case), and the body under the key "body". */
        Map<String, String> read() throws IOException {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("status", line());
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                r.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(r.getOrDefault("content-length", "0"));
            r.put("body", new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
            return r;
        }

        Map<String, String> get(String path) throws IOException {
            send(path);
            return read();
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed after: " + b);
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** {@code GET path} on a connection of its own, closed after the answer. */
    private static Map<String, String> getOnNewConnection(int port, String path) throws IOException {
        try (Client c = new Client(port)) {
            return c.get(path);
        }
    }

    /** An HTTP server that answers {@code /slow} after {@code delayMs}, others at once; counts what it got. */
    private HttpServer slow(String name, long delayMs, CountDownLatch received) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        s.setExecutor(threads);
        s.createContext("/", e -> {
            e.getRequestBody().readAllBytes();
            if (e.getRequestURI().getPath().equals("/slow")) {
                received.countDown();
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("server=" + name + "\n").getBytes(StandardCharsets.ISO_8859_1);
            e.getResponseHeaders().add("X-Server", name);
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        s.start();
        f.open.add(() -> {
            s.stop(0);
            threads.shutdownNow();
        });
        return s;
    }

    // ---- (a) routing

    @Test
    void aReloadChangesRoutingAndAKeepAliveConnectionTakesTheNewPlanOnItsNextRequest() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        f.start(HTTP.formatted(port, "one", a.port(), b.port()));
        RuntimePlan before = f.proxy.plan();
        try (Client c = new Client(port)) {
            assertThat(c.get("/1")).containsEntry("x-server", "a");

            ReloadResult r = reload(HTTP.formatted(port, "two", a.port(), b.port()));

            assertThat(r.outcome()).as(r.message()).isEqualTo(ReloadResult.Outcome.DONE);
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.message()).isEqualTo("listeners: 0 opened, 0 closed, 1 kept");
            assertThat(f.proxy.plan()).isNotSameAs(before);
            Map<String, String> next = c.get("/2");
            assertThat(next).containsEntry("status", "HTTP/1.1 200 OK").containsEntry("x-server", "b");
            assertThat(next).doesNotContainKey("connection");
        }
        assertThat(getOnNewConnection(port, "/3")).containsEntry("x-server", "b");
        assertThat(f.reloader.status().count()).isEqualTo(1);
        assertThat(f.reloader.status().rejected()).isZero();
        assertThat(f.reloader.status().last().done()).isTrue();
        assertThat(f.reloads).hasSize(1);
    }

    // ---- (b) a request in flight

    @Test
    void aRequestInFlightFinishesOnThePlanItStartedWith() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        HttpServer old = slow("old", 1_500, received);
        HttpServer fresh = slow("new", 0, new CountDownLatch(1));
        int port = freePort();
        String config = HTTP.formatted(port, "%s", old.getAddress().getPort(), fresh.getAddress().getPort());
        f.start(config.formatted("one"));
        try (Client c = new Client(port)) {
            c.send("/slow");
            assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();

            ReloadResult r = reload(config.formatted("two"));
            assertThat(r.done()).isTrue();

            Map<String, String> answer = c.read();
            assertThat(answer).containsEntry("status", "HTTP/1.1 200 OK").containsEntry("body", "server=old\n");
            assertThat(c.get("/after")).containsEntry("body", "server=new\n");
        }
    }

    // ---- (c) TCP

    @Test
    void aTcpConnectionKeepsWorkingAcrossTenReloads() throws Exception {
        Backends.Echo echo1 = f.echo();
        Backends.Echo echo2 = f.echo();
        int port = freePort();
        String config = TCP_DEFAULTS + """
                frontend db
                    bind 127.0.0.1:%d
                    default_backend %s
                backend e1
                    server e1 127.0.0.1:%d
                backend e2
                    server e2 127.0.0.1:%d
                """;
        f.start(config.formatted(port, "e1", echo1.port(), echo2.port()));
        try (Socket s = connect(port)) {
            for (int i = 0; i < 10; i++) {
                ReloadResult r = reload(config.formatted(port, i % 2 == 0 ? "e2" : "e1", echo1.port(), echo2.port()));
                assertThat(r.done()).as(r.message()).isTrue();
                Backends.assertEchoes(s, "message " + i + "\n");
            }
        }
        assertThat(f.reloader.status().count()).isEqualTo(10);
        assertThat(f.reloader.status().rejected()).isZero();
    }

    @Test
    void aWebsocketTunnelKeepsWorkingAcrossTenReloads() throws Exception {
        Backends.WebSocket ws = new Backends.WebSocket();
        f.open.add(ws);
        Backends.Http other = f.http("other");
        int port = freePort();
        String config = DEFAULTS + """
                    timeout tunnel 1h
                frontend www
                    bind 127.0.0.1:%d
                    http-response set-header X-Variant %d
                    default_backend %s
                backend ws
                    server ws 127.0.0.1:%d
                backend other
                    server other 127.0.0.1:%d
                """;
        f.start(config.formatted(port, 0, "ws", ws.port(), other.port()));
        try (Socket s = connect(port)) {
            s.getOutputStream().write(Backends.WebSocket.HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1));
            String head = Backends.readHead(s.getInputStream());
            // the response rules run on the 101 too, as in HAProxy
            assertThat(head).startsWith("HTTP/1.1 101").contains("X-Variant: 0");
            for (int i = 1; i <= 10; i++) {
                // the new plans send new requests elsewhere; the tunnel stays where it is
                ReloadResult r = reload(config.formatted(port, i, i % 2 == 0 ? "ws" : "other", ws.port(),
                        other.port()));
                assertThat(r.done()).as(r.message()).isTrue();
                Backends.assertEchoes(s, "frame " + i);
                if (i % 2 == 1) {
                    assertThat(getOnNewConnection(port, "/x")).containsEntry("x-server", "other")
                            .containsEntry("x-variant", String.valueOf(i));
                }
            }
        }
    }

    // ---- (d) listeners opened and closed

    @Test
    void aReloadOpensNewListenersAndClosesRemovedOnesWhileTheirRequestsFinish() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        HttpServer slow = slow("s", 1_500, received);
        int www = freePort();
        int extra = freePort();
        String base = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server s1 127.0.0.1:%d
                """.formatted(www, slow.getAddress().getPort());
        String withExtra = base + """
                frontend extra
                    bind 127.0.0.1:%d
                    default_backend app
                """.formatted(extra);
        f.start(base);
        assertThat(refused(extra)).isTrue();

        ReloadResult added = reload(withExtra);
        assertThat(added.message()).isEqualTo("listeners: 1 opened, 0 closed, 1 kept");
        assertThat(f.proxy.boundAddresses("extra")).extracting(InetSocketAddress::getPort).containsExactly(extra);
        try (Client busy = new Client(extra); Client idle = new Client(extra); Client kept = new Client(www)) {
            assertThat(idle.get("/one")).containsEntry("status", "HTTP/1.1 200 OK");
            assertThat(kept.get("/one")).containsEntry("status", "HTTP/1.1 200 OK");
            busy.send("/slow");
            assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();

            ReloadResult removed = reload(base);
            assertThat(removed.message()).isEqualTo("listeners: 0 opened, 1 closed, 1 kept");
            assertThat(f.proxy.boundAddresses("extra")).isEmpty();
            assertThat(refused(extra)).as("the removed listener no longer accepts").isTrue();

            Map<String, String> answer = busy.read();
            assertThat(answer).containsEntry("status", "HTTP/1.1 200 OK").containsEntry("body", "server=s\n");
            assertThat(answer).containsEntry("connection", "close");
            assertThat(busy.in.read()).as("closed after its response").isEqualTo(-1);
            assertThat(idle.in.read()).as("an idle connection of the removed listener closes").isEqualTo(-1);
            assertThat(kept.get("/two")).containsEntry("status", "HTTP/1.1 200 OK");
        }
    }

    @Test
    void aTcpSessionOfARemovedListenerGoesOnUntilHardStopAfter() throws Exception {
        Backends.Echo echo = f.echo();
        int db = freePort();
        int kept = freePort();
        String base = """
                global
                    hard-stop-after 400ms
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend kept
                    bind 127.0.0.1:%d
                    default_backend echo
                backend echo
                    server e1 127.0.0.1:%d
                """.formatted(kept, echo.port());
        f.start(base + "frontend db\n    bind 127.0.0.1:" + db + "\n    default_backend echo\n");
        try (Socket s = connect(db)) {
            Backends.assertEchoes(s, "before\n");

            assertThat(reload(base).message()).isEqualTo("listeners: 0 opened, 1 closed, 1 kept");
            long reloaded = System.nanoTime();
            assertThat(refused(db)).isTrue();
            Backends.assertEchoes(s, "after\n"); // the session goes on

            assertThat(s.getInputStream().read()).as("cut at hard-stop-after").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - reloaded)).isGreaterThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aListenerMovedToAnotherPortClosesTheOldOneAndARenamedFrontendKeepsItsSocket() throws Exception {
        Backends.Http a = f.http("a");
        int first = freePort();
        int second = freePort();
        String config = DEFAULTS + """
                frontend %s
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server s1 127.0.0.1:%d
                """;
        f.start(config.formatted("www", first, a.port()));
        try (Client c = new Client(first)) {
            assertThat(c.get("/1")).containsEntry("x-server", "a");
            ReloadResult renamed = reload(config.formatted("web", first, a.port()));
            assertThat(renamed.message()).isEqualTo("listeners: 0 opened, 0 closed, 1 kept");
            assertThat(f.proxy.boundAddresses("web")).extracting(InetSocketAddress::getPort).containsExactly(first);
            assertThat(c.get("/2")).as("the same connection, now under the new name").containsEntry("x-server", "a");

            ReloadResult moved = reload(config.formatted("web", second, a.port()));
            assertThat(moved.message()).isEqualTo("listeners: 1 opened, 1 closed, 0 kept");
            assertThat(refused(first)).isTrue();
            assertThat(getOnNewConnection(second, "/3")).containsEntry("x-server", "a");
        }
    }

    @Test
    void aChangedMaxconnAppliesToAKeptListener() throws Exception {
        Backends.Http a = f.http("a");
        int port = freePort();
        String config = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:%d
                    maxconn %d
                    default_backend app
                backend app
                    server s1 127.0.0.1:%d
                """;
        f.start(config.formatted(port, 10, a.port()));
        assertThat(reload(config.formatted(port, 1, a.port())).done()).isTrue();
        try (Client first = new Client(port)) {
            assertThat(first.get("/1")).containsEntry("status", "HTTP/1.1 200 OK");
            Client second = new Client(port);
            f.open.add(second);
            second.send("/2");
            second.socket.setSoTimeout(500);
            assertThat(timesOut(second)).as("the second connection waits in the backlog").isTrue();
            second.socket.setSoTimeout(10_000);

            assertThat(reload(config.formatted(port, 5, a.port())).done()).isTrue();
            assertThat(second.read()).as("accepted once the limit rose").containsEntry("status", "HTTP/1.1 200 OK");
        }
    }

    private static boolean timesOut(Client c) throws IOException {
        try {
            c.in.read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- (e) a bind that fails

    @Test
    void aReloadWhosePortIsTakenIsRejectedAndNothingChanges() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        int opensFirst = freePort();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        f.open.add(taken);
        f.start(HTTP.formatted(port, "one", a.port(), b.port()));
        RuntimePlan before = f.proxy.plan();
        try (Client c = new Client(port)) {
            assertThat(c.get("/1")).containsEntry("x-server", "a");

            ReloadResult r = reload(HTTP.formatted(port, "two", a.port(), b.port()) + """
                    frontend extra
                        bind 127.0.0.1:%d
                        bind 127.0.0.1:%d
                        default_backend two
                    """.formatted(opensFirst, taken.getLocalPort()));

            assertThat(r.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
            assertThat(r.message()).contains("frontend 'extra': cannot bind 127.0.0.1:" + taken.getLocalPort());
            assertThat(f.proxy.plan()).isSameAs(before);
            assertThat(f.proxy.boundAddresses("extra")).isEmpty();
            assertThat(refused(opensFirst)).as("the listener opened for the reload closed again").isTrue();
            assertThat(c.get("/2")).containsEntry("x-server", "a");
        }
        assertThat(getOnNewConnection(port, "/3")).containsEntry("x-server", "a");
        assertThat(f.reloader.status().rejected()).isEqualTo(1);
        assertThat(f.reloader.status().last().outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
    }

    @Test
    void aPlanTheRuntimeCannotPrepareIsRejectedBeforeAnyStateChanges() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        int extra = freePort();
        f.start(HTTP.formatted(port, "one", a.port(), b.port()));
        ServerState s1 = f.proxy.plan().states().server("one", "s1");
        ReloadResult r = f.reload(HTTP.formatted(port, "one", a.port(), b.port())
                .replace("backend one\n", "backend one\n    server gone unix@/tmp/sluice-test.sock\n")
                + "frontend extra\n    bind 127.0.0.1:" + extra + "\n    default_backend one\n");
        assertThat(r.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
        assertThat(r.message()).contains("server one/gone").contains("is not supported by the runtime yet");
        assertThat(refused(extra)).isTrue();
        assertThat(f.proxy.plan().states().backend("one").servers()).containsExactly(s1);
    }

    // ---- (f) a broken configuration under load

    @Test
    void brokenConfigurationsUnderLoadAreRejectedWithoutAClientError() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        f.start(HTTP.formatted(port, "one", a.port(), b.port()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> errors = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            loops.add(load.submit(() -> {
                while (running.get() || ok.get() < 400) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/x")).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.add("status " + r.statusCode());
                        }
                    } catch (Exception e) {
                        errors.add(e.toString());
                    }
                    if (ok.get() > 5_000 || errors.size() > 20) {
                        return;
                    }
                }
            }));
        }
        List<ReloadResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Thread.sleep(50);
                String next = HTTP.formatted(port, i % 2 == 0 ? "two" : "one", a.port(), b.port());
                results.add(reload(i % 2 == 0 ? next.replace("default_backend two", "default_backend missing")
                        : next));
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            load.shutdownNow();
        }
        assertThat(results).extracting(ReloadResult::outcome).containsExactly(ReloadResult.Outcome.REJECTED,
                ReloadResult.Outcome.DONE, ReloadResult.Outcome.REJECTED, ReloadResult.Outcome.DONE,
                ReloadResult.Outcome.REJECTED);
        assertThat(results.get(0).diagnostics()).anySatisfy(l -> assertThat(l).contains("missing"));
        assertThat(errors).isEmpty();
        assertThat(ok.get()).isGreaterThanOrEqualTo(400);
        assertThat(f.proxy.plan().plan().frontends().get(0).defaultBackend()).isEqualTo("one");
    }

    /**
     * Variant {@code k} of the stress configuration: the weights of backend one's servers change,
     * backend three and the listener {@code extra} exist in odd variants only, and the response
     * rule stamps the variant.
     */
    private static String variant(int k, int port, int extra, int a, int b, int c) {
        String config = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:%d
                    http-response set-header X-Variant %d
                %s    default_backend one
                backend one
                    balance roundrobin
                    server a 127.0.0.1:%d weight %d
                    server b 127.0.0.1:%d weight %d
                """.formatted(port, k, k % 2 == 1 ? "    use_backend three if { path_beg /three }\n" : "",
                a, 1 + k % 3, b, 5 + k);
        if (k % 2 == 1) {
            config += """
                    backend three
                        server c 127.0.0.1:%d
                    frontend extra
                        bind 127.0.0.1:%d
                        default_backend three
                    """.formatted(c, extra);
        }
        return config;
    }

    @Test
    void tenReloadsUnderKeepAliveLoadLoseNoRequestAndEachNewRoutingIsSeen() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        Backends.Http c = f.http("c");
        int port = freePort();
        int extra = freePort();
        f.start(variant(0, port, extra, a.port(), b.port(), c.port()));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> errors = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            loops.add(load.submit(() -> {
                // one keep-alive connection per client for the whole run
                try (Client client = new Client(port)) {
                    while (running.get()) {
                        Map<String, String> r = client.get("/x");
                        if (!r.get("status").startsWith("HTTP/1.1 200") || !r.containsKey("x-variant")
                                || !r.get("body").matches("(?s)server=[ab]\n.*")) {
                            errors.add(r.toString());
                        } else {
                            ok.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    errors.add(e.toString());
                }
            }));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> served = new ArrayList<>();
        try {
            for (int k = 1; k <= 10; k++) {
                Thread.sleep(100);
                served.add(ok.get());
                ReloadResult r = reload(variant(k, port, extra, a.port(), b.port(), c.port()));
                assertThat(r.outcome()).as(r.message()).isEqualTo(ReloadResult.Outcome.DONE);
                try (Client probe = new Client(port)) {
                    assertThat(probe.get("/x")).containsEntry("x-variant", String.valueOf(k));
                    Map<String, String> three = probe.get("/three");
                    seen.add(k + ":" + three.get("x-server"));
                }
                if (k % 2 == 1) {
                    assertThat(getOnNewConnection(extra, "/")).containsEntry("x-server", "c");
                } else {
                    assertThat(refused(extra)).as("listener extra closed by reload %d", k).isTrue();
                }
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            load.shutdownNow();
        }
        assertThat(errors).isEmpty();
        // the load went on between every two reloads
        served.add(ok.get());
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i)).as("requests served by reload %d", i).isGreaterThan(served.get(i - 1));
        }
        // /three goes to backend three while it exists, to backend one otherwise
        for (String s : seen) {
            int k = Integer.parseInt(s.substring(0, s.indexOf(':')));
            assertThat(s.substring(s.indexOf(':') + 1)).isIn(k % 2 == 1 ? List.of("c") : List.of("a", "b"));
        }
        // the weights of the last variant (10: a 2, b 15) are in force
        assertThat(f.proxy.plan().states().server("one", "a").weight()).isEqualTo(2);
        assertThat(f.proxy.plan().states().server("one", "b").weight()).isEqualTo(15);
    }

    @Test
    void idlePooledConnectionsToARemovedServerCloseAtTheReload() throws Exception {
        // a keep-alive server that answers one request per connection and reports when the proxy closes it
        ServerSocket old = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        f.open.add(old);
        CountDownLatch closed = new CountDownLatch(1);
        Thread server = new Thread(() -> {
            try (Socket s = old.accept()) {
                InputStream in = s.getInputStream();
                String head = Backends.readHead(in);
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Server: old\r\n\r\nold"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (in.read() < 0) {
                    closed.countDown();
                }
            } catch (IOException e) {
                closed.countDown(); // a reset is a close too
            }
        });
        server.setDaemon(true);
        server.start();
        Backends.Http fresh = f.http("fresh");
        int port = freePort();
        String config = """
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 60s
                frontend www
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server %s 127.0.0.1:%d
                """;
        f.start(config.formatted(port, "old", old.getLocalPort()));
        assertThat(getOnNewConnection(port, "/")).containsEntry("x-server", "old");
        // the proxy keeps that server connection idle in its pool; the reload removes the server
        assertThat(closed.await(300, TimeUnit.MILLISECONDS)).as("still pooled before the reload").isFalse();
        assertThat(reload(config.formatted(port, "fresh", fresh.port())).done()).isTrue();
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("closed by the reload, not by timeout server").isTrue();
        assertThat(getOnNewConnection(port, "/")).containsEntry("x-server", "fresh");
    }

    // ---- (g) server state

    @Test
    void serverStateSurvivesAReload() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        String config = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                    server b 127.0.0.1:%d
                """.formatted(port, a.port(), b.port());
        f.start(config);
        ServerState sa = f.proxy.plan().states().server("app", "a");
        ServerState sb = f.proxy.plan().states().server("app", "b");
        try (Client c = new Client(port)) {
            c.get("/1");
            c.get("/2");
        }
        long served = sa.connectionCount() + sb.connectionCount();
        sb.setUp(false);
        sa.setWeight(7);

        ReloadResult r = reload(config + "backend other\n    server o 127.0.0.1:" + a.port() + "\n");
        assertThat(r.done()).isTrue();

        assertThat(f.proxy.plan().states().server("app", "b")).isSameAs(sb);
        assertThat(sb.isUp()).isFalse();
        assertThat(sa.weight()).isEqualTo(7);
        assertThat(sa.connectionCount() + sb.connectionCount()).isEqualTo(served);
        try (Client c = new Client(port)) {
            for (int i = 0; i < 4; i++) {
                assertThat(c.get("/after")).containsEntry("x-server", "a");
            }
        }
    }

    @Test
    void unchangedChecksKeepRunningChangedOnesRestartFromTheServerStateAndNoChecksMeansUp() throws Exception {
        Backends.Http a = f.http("a");
        int dead = freePort();
        int port = freePort();
        String config = """
                defaults
                    mode http
                    timeout connect 500ms
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                    server d 127.0.0.1:%d %s
                """;
        String checked = config.formatted(port, a.port(), dead, "check inter 100ms fall 1 rise 1");
        f.start(checked);
        ServerState d = f.proxy.plan().states().server("app", "d");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.isUp() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(d.isUp()).as("down after a failed check").isFalse();
        var checker = f.proxy.healthChecker("app", "d");

        assertThat(reload(checked.replace("timeout client 10s", "timeout client 11s")).done()).isTrue();
        assertThat(f.proxy.healthChecker("app", "d")).as("the same checks keep running").isSameAs(checker);
        Thread.sleep(300);
        assertThat(d.isUp()).as("the same checks: still down").isFalse();

        assertThat(reload(checked.replace("inter 100ms", "inter 150ms")).done()).isTrue();
        assertThat(f.proxy.healthChecker("app", "d")).as("restarted with the new settings").isNotSameAs(checker)
                .isNotNull();
        assertThat(f.proxy.healthChecker("app", "d").isUp()).as("starting from the server's state").isFalse();
        Thread.sleep(300);
        assertThat(d.isUp()).isFalse();

        assertThat(reload(config.formatted(port, a.port(), dead, "")).done()).isTrue();
        assertThat(d.isUp()).as("no checks any more").isTrue();
    }

    // ---- serialized, coalesced

    @Test
    void requestsFromOneSourceWaitingTogetherShareOneReload() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        int port = freePort();
        f.start(HTTP.formatted(port, "one", a.port(), b.port()));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Reloader.Source blocking = () -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return checked(HTTP.formatted(port, "two", a.port(), b.port())).load();
        };
        Reloader.Source source = checked(HTTP.formatted(port, "one", a.port(), b.port()));
        var first = f.reloader.reload(blocking);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        var second = f.reloader.reload(source);
        var third = f.reloader.reload(source);
        assertThat(third).isSameAs(second);
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).number()).isEqualTo(1);
        assertThat(second.get(20, TimeUnit.SECONDS).number()).isEqualTo(2);
        assertThat(f.reloader.status().count()).isEqualTo(2);
        assertThat(f.proxy.plan().plan().frontends().get(0).defaultBackend()).isEqualTo("one");
    }
}
