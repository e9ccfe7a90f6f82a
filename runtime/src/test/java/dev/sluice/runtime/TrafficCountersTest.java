package dev.sluice.runtime;

import static dev.sluice.runtime.ProxyFixture.DEFAULTS;
import static dev.sluice.runtime.ProxyFixture.TCP_DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.stats.Counters;
import dev.sluice.runtime.stats.ServerCounters;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The statistics counters, fed by real traffic through the proxy on 127.0.0.1: what the frontend,
 * the backend and the server count for HTTP requests, denials and errors, for a TCP session's
 * bytes, and that a reload keeps them.
 */
@Timeout(30)
class TrafficCountersTest {

    private final ProxyFixture f = new ProxyFixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Counters frontend(String name) {
        return f.proxy.plan().frontend(name).orElseThrow().counters();
    }

    private Counters backend(String name) {
        return f.proxy.plan().states().backend(name).counters();
    }

    private ServerCounters server(String backend, String name) {
        return f.proxy.plan().states().server(backend, name).counters();
    }

    /** Counters are updated as the bytes go out: wait until {@code value} reaches {@code expected}. */
    private static void await(LongSupplier value, long expected) throws InterruptedException {
        for (int i = 0; i < 200 && value.getAsLong() != expected; i++) {
            Thread.sleep(10);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }

    private static final String HTTP = DEFAULTS + """
            frontend www
                bind 127.0.0.1:0
                http-request deny if { path /deny }
                use_backend nowhere if { path /none }
                default_backend web
            backend web
                http-response deny if { res.hdr(X-Server) -m str never }
                server w1 127.0.0.1:%d
            backend nowhere
                server down 127.0.0.1:1 disabled
            """;

    @Test
    void httpRequestsResponsesDenialsAndErrorsAreCountedWhereHaproxyCountsThem() throws Exception {
        Backends.Http web = f.http("w1");
        f.start(HTTP.formatted(web.port()));
        int port = f.port("www");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("/a", "/b", "/deny", "/none")) {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        Counters fe = frontend("www");
        assertThat(fe.requests()).isEqualTo(4);
        assertThat(fe.sessions()).as("one keep-alive connection: HAProxy's 403 and 503 keep it").isEqualTo(1);
        assertThat(fe.responses(1)).as("2xx").isEqualTo(2);
        assertThat(fe.responses(3)).as("4xx: the deny").isEqualTo(1);
        assertThat(fe.responses(4)).as("5xx: no server").isEqualTo(1);
        assertThat(fe.deniedRequests()).isEqualTo(1);
        await(fe::bytesOut, fe.bytesOut()); // settled
        assertThat(fe.bytesIn()).isPositive();
        assertThat(fe.bytesOut()).isGreaterThan(fe.bytesIn());

        Counters be = backend("web");
        ServerCounters w1 = server("web", "w1");
        assertThat(be.requests()).isEqualTo(2);
        assertThat(be.sessions()).isEqualTo(2);
        assertThat(be.responses(1)).isEqualTo(2);
        assertThat(w1.requests()).isEqualTo(2);
        assertThat(w1.sessions()).isEqualTo(2);
        assertThat(w1.selectedCount()).isEqualTo(2);
        assertThat(w1.responses(1)).isEqualTo(2);
        assertThat(w1.bytesIn()).as("the two requests, headers included")
                .isGreaterThan(2 * "GET /a HTTP/1.1\r\n".length());
        assertThat(w1.bytesOut()).isEqualTo(be.bytesOut());
        assertThat(be.bytesIn() + backend("nowhere").bytesIn()).as("what the backends got of the client's bytes")
                .isLessThan(fe.bytesIn());

        assertThat(backend("nowhere").requests()).isEqualTo(1);
        assertThat(backend("nowhere").responses(4)).as("its 503").isEqualTo(1);
        assertThat(f.proxy.plan().states().stats().process().requests()).isEqualTo(4);
    }

    @Test
    void aServerThatRefusesCountsConnectionErrorsRetriesAndTheBackendGoesDown() throws Exception {
        f.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    retries 2
                frontend www
                    bind 127.0.0.1:0
                    default_backend dead
                backend dead
                    server d1 127.0.0.1:1
                """);
        int port = f.port("www");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        ServerCounters d1 = server("dead", "d1");
        assertThat(d1.connectionErrors()).isEqualTo(3);
        assertThat(d1.retries()).isEqualTo(2);
        assertThat(backend("dead").connectionErrors()).isEqualTo(3);
        assertThat(backend("dead").retries()).isEqualTo(2);
        assertThat(backend("dead").responses(4)).isEqualTo(1);

        ServerState state = f.proxy.plan().states().server("dead", "d1");
        state.setUp(false);
        assertThat(backend("dead").downs()).isEqualTo(1);
        assertThat(d1.downs()).isEqualTo(1);
        state.setUp(true);
        assertThat(d1.downtimeMs()).isGreaterThanOrEqualTo(0);
        assertThat(backend("dead").downs()).isEqualTo(1);
    }

    @Test
    void aTcpSessionCountsItsBytesOnFrontendBackendAndServerAndAReloadKeepsThem() throws Exception {
        Backends.Echo echo = f.echo();
        String config = TCP_DEFAULTS + """
                frontend db
                    bind 127.0.0.1:0
                    default_backend echo
                backend echo
                    server e1 127.0.0.1:%d%s
                """;
        f.start(config.formatted(echo.port(), ""));
        int port = f.port("db");
        byte[] payload = "hello, echo\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(payload);
            out.flush();
            assertThat(in.readNBytes(payload.length)).isEqualTo(payload);
            assertThat(frontend("db").current()).isEqualTo(1);
        }
        await(() -> frontend("db").current(), 0);
        Counters fe = frontend("db");
        assertThat(fe.bytesIn()).isEqualTo(payload.length);
        assertThat(fe.bytesOut()).isEqualTo(payload.length);
        assertThat(backend("echo").bytesIn()).isEqualTo(payload.length);
        assertThat(server("echo", "e1").bytesOut()).isEqualTo(payload.length);
        assertThat(fe.requests()).as("no HTTP request in TCP mode").isZero();

        ReloadResult r = f.reload(config.formatted(echo.port(), " weight 20"));
        assertThat(r.done()).as(r.message()).isTrue();
        assertThat(frontend("db")).isSameAs(fe);
        assertThat(frontend("db").bytesIn()).isEqualTo(payload.length);
        assertThat(server("echo", "e1").bytesOut()).isEqualTo(payload.length);
        assertThat(f.proxy.plan().states().stats().process().sessions()).isEqualTo(1);
    }
}
