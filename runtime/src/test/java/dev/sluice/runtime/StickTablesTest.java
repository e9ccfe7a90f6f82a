package dev.sluice.runtime;

import static dev.sluice.runtime.ProxyFixture.TO_APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.stick.StickTables;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stick tables, tracking and {@code tcp-request} rules through the proxy, with real sockets on
 * 127.0.0.1 (and other addresses of 127.0.0.0/8 as other clients): what a client sees, and what
 * {@code show table} says.
 */
@Timeout(60)
class StickTablesTest {

    private final ProxyFixture f = new ProxyFixture();

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            """;

    private void reload(String config) throws Exception {
        ReloadResult r = f.reload(config);
        assertThat(r.outcome()).as(r.message()).isEqualTo(ReloadResult.Outcome.DONE);
    }

    /** The entries of {@code table}, one line each as {@code show table} prints them, each ending with a newline. */
    private String show(String table) throws Exception {
        StringBuilder out = new StringBuilder();
        f.proxy.plan().stickTables().entries(table, List.of()).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private StickTables.TableInfo info(String table) {
        return f.proxy.plan().stickTables().list().stream().filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow();
    }

    /** What a client saw: the status (0 when the connection closed without an answer) and the headers. */
    private record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code GET path} on a connection of its own from {@code from}, read until the proxy closes. */
    private Answer get(String from, String path) throws IOException {
        try (Socket s = connect(from)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: www\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String raw;
            try {
                raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException e) {
                raw = ""; // reset: no answer
            }
            if (raw.isEmpty()) {
                return new Answer(0, Map.of(), "");
            }
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.port("www")), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    /** Whether the proxy closed {@code s} without a byte. */
    private static boolean closedAtOnce(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private void awaitTable(String table, String contains) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!show(table).contains(contains) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(show(table)).contains(contains);
    }

    // ---- rate limits

    @Test
    void aRateLimitAnswers429PastItsLimitAndLetsTheClientBackAfterThePeriod() throws Exception {
        Backends.Http app = f.http("app");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    stick-table type ip size 100k expire 30s store http_req_rate(1s)
                    http-request track-sc0 src
                    http-request deny deny_status 429 if { sc_http_req_rate(0) gt 3 }
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(app.port()));
        long first = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(get("127.0.0.1", "/").status());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        assertThat(get("127.0.0.2", "/").status()).as("another client has its own rate").isEqualTo(200);
        awaitTable("www", "key=127.0.0.2 use=0"); // given back once the proxy has seen the close
        assertThat(show("www")).contains("key=127.0.0.1 use=0 exp=").contains("http_req_rate(1000)=5");
        // two periods after the first request, nothing is left of the burst
        Thread.sleep(Math.max(0, 2_100 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first)));
        assertThat(get("127.0.0.1", "/").status()).isEqualTo(200);
        assertThat(app.paths).hasSize(5);
    }

    @Test
    void theSeedConfigurationsRateLimitWorksAndItsConnectionLimitNeverMatches() throws Exception {
        Backends.Http web1 = f.http("web1");
        Backends.Http web2 = f.http("web2");
        Backends.Http web3 = f.http("web3");
        String seed = Files.readString(Path.of("..", "samples", "seed", "07-tls-frontend.cfg"));
        String config = seed.replaceAll("(?m)^\\s*bind \\*:443 ssl.*$", "")
                .replace("bind *:80", "bind 127.0.0.1:0")
                .replace("frontend https_frontend", "frontend www")
                .replace("10.0.1.10:8080", "127.0.0.1:" + web1.port())
                .replace("10.0.1.11:8080", "127.0.0.1:" + web2.port())
                .replace("10.0.1.12:8080", "127.0.0.1:" + web3.port());
        f.start(config);
        // without TLS every request is redirected, and every one counts in the rate
        for (int i = 0; i < 100; i++) {
            assertThat(get("127.0.0.1", "/page").status()).isEqualTo(301);
        }
        Answer limited = get("127.0.0.1", "/page");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("429 Too Many Requests");
        assertThat(get("127.0.0.2", "/page").status()).isEqualTo(301);
        // src_conn_cur reads a table that does not store conn_cur: no value, no match
        assertThat(show("www")).contains("key=127.0.0.1 use=0 exp=").contains("http_req_rate(10000)=101")
                .doesNotContain("conn_cur");
    }

    /** Every counter of the tracked entry, as HAProxy 2.6 showed them for the same requests. */
    private static final String STORED = "http_req_rate(10s),gpc0,conn_cur,conn_cnt,http_req_cnt,http_err_cnt,"
            + "http_fail_cnt,sess_cnt,bytes_in_cnt,bytes_out_cnt,gpt0,gpc1_rate(5s)";

    @Test
    void trackedEntriesCountWhatHaproxyCounts() throws Exception {
        Backends.Http app = f.http("app");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    stick-table type ip size 100k expire 30s store %s
                    http-request track-sc0 src
                    http-request sc-inc-gpc0(0) if { path /inc }
                    http-request sc-inc-gpc1(0) if { path /inc }
                    http-request sc-set-gpt0(0) 42 if { path /inc }
                    http-request deny deny_status 429 if { path /deny }
                    http-response set-header X-Cur %%[sc_conn_cur(0)]
                    http-response set-header X-Notstored %%[src_sess_rate]
                    http-response set-header X-Gpc0 %%[sc_get_gpc0(0)]
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(STORED, app.port()));
        Answer inc = get("127.0.0.1", "/inc");
        assertThat(inc.header("x-cur")).isEqualTo("1");
        assertThat(inc.header("x-notstored")).isEmpty();
        assertThat(inc.header("x-gpc0")).isEqualTo("1");
        assertThat(get("127.0.0.1", "/deny").status()).isEqualTo(429);
        assertThat(get("127.0.0.1", "/status/404").status()).isEqualTo(404);
        assertThat(get("127.0.0.1", "/status/503").status()).isEqualTo(503);
        // HAProxy 2.6 shows the same for these four requests (the byte counts depend on the requests)
        awaitTable("www", "conn_cur=0");
        assertThat(show("www")).matches("(?s).*key=127\\.0\\.0\\.1 use=0 exp=\\d+ gpt0=42 gpc0=1 conn_cnt=4 conn_cur=0"
                + " sess_cnt=0 http_req_cnt=4 http_req_rate\\(10000\\)=4 http_err_cnt=2 bytes_in_cnt=[1-9]\\d* "
                + "bytes_out_cnt=[1-9]\\d* gpc1_rate\\(5000\\)=1 http_fail_cnt=1\n");
    }

    @Test
    void serverFailuresCountButNot501And505AndNeitherDoAnswersTheProxyMakesUp() throws Exception {
        Backends.Http app = f.http("app");
        java.net.ServerSocket closing = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        f.open.add(closing);
        Thread closer = new Thread(() -> {
            while (!closing.isClosed()) {
                try (Socket s = closing.accept()) {
                    s.getInputStream().read(); // the request starts, then the server goes away
                } catch (IOException e) {
                    return;
                }
            }
        });
        closer.setDaemon(true);
        closer.start();
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    stick-table type ip size 1k store http_fail_cnt,http_err_cnt
                    http-request track-sc0 src
                    use_backend broken if { path /broken }
                    use_backend none if { path /none }
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                backend broken
                    retries 0
                    server b 127.0.0.1:%d
                backend none
                    server n 127.0.0.1:%d disabled
                """.formatted(app.port(), closing.getLocalPort(), app.port()));
        assertThat(get("127.0.0.1", "/status/500").status()).isEqualTo(500);
        assertThat(get("127.0.0.1", "/status/501").status()).isEqualTo(501);
        assertThat(get("127.0.0.1", "/status/505").status()).isEqualTo(505);
        assertThat(get("127.0.0.1", "/status/503").status()).isEqualTo(503);
        assertThat(get("127.0.0.1", "/broken").status()).isEqualTo(502);
        assertThat(get("127.0.0.1", "/none").status()).as("no server: not a failure").isEqualTo(503);
        assertThat(get("127.0.0.1", "/status/400").status()).isEqualTo(400);
        // what HAProxy 2.6 shows for the same requests
        awaitTable("www", "key=127.0.0.1 use=0 exp=0 http_err_cnt=1 http_fail_cnt=3");
    }

    // ---- tcp-request rules

    @Test
    void tcpRequestConnectionRejectClosesAClientsConnectionsAtOnce() throws Exception {
        Backends.Http app = f.http("app");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    tcp-request connection reject if { src 127.0.0.2 }
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(app.port()));
        try (Socket s = connect("127.0.0.2")) {
            assertThat(closedAtOnce(s)).isTrue();
        }
        assertThat(get("127.0.0.2", "/").status()).as("no answer").isZero();
        assertThat(get("127.0.0.1", "/").status()).isEqualTo(200);
        assertThat(app.paths).hasSize(1);
    }

    @Test
    void aConnectionLimitPerSourceRefusesTheConnectionsPastIt() throws Exception {
        Backends.Echo echo = f.echo();
        f.start(DEFAULTS + """
                frontend www
                    mode tcp
                    bind 127.0.0.1:0
                    stick-table type ip size 1k store conn_cur,conn_cnt,sess_cnt
                    tcp-request connection track-sc0 src
                    tcp-request connection reject if { sc0_conn_cur gt 2 }
                    default_backend echo
                backend echo
                    mode tcp
                    server e 127.0.0.1:%d
                """.formatted(echo.port()));
        try (Socket a = connect("127.0.0.1"); Socket b = connect("127.0.0.1")) {
            Backends.assertEchoes(a, "one");
            Backends.assertEchoes(b, "two");
            try (Socket c = connect("127.0.0.1")) {
                assertThat(closedAtOnce(c)).as("a third connection").isTrue();
            }
            try (Socket other = connect("127.0.0.3")) {
                Backends.assertEchoes(other, "another client");
            }
            awaitTable("www", "key=127.0.0.1 use=2 exp=0 conn_cnt=3 conn_cur=2 sess_cnt=2");
            a.close();
            awaitTable("www", "key=127.0.0.1 use=1 exp=0 conn_cnt=3 conn_cur=1 sess_cnt=2");
            try (Socket d = connect("127.0.0.1")) {
                Backends.assertEchoes(d, "three");
            }
        }
    }

    @Test
    void tcpRequestContentRulesRunForEveryHttpRequest() throws Exception {
        Backends.Http app = f.http("app");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    stick-table type string len 32 size 1k store http_req_cnt
                    tcp-request content track-sc1 req.hdr(host)
                    tcp-request content reject if { path /reject }
                    http-response set-header X-Count %%[sc1_http_req_cnt]
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(app.port()));
        assertThat(get("127.0.0.1", "/count").header("x-count")).isEqualTo("1");
        assertThat(get("127.0.0.1", "/count").header("x-count")).isEqualTo("2");
        assertThat(get("127.0.0.1", "/reject").status()).isZero();
        // the rejected request was tracked, then refused before it counted, as in HAProxy
        awaitTable("www", "key=www use=0 exp=0 http_req_cnt=2");
        assertThat(app.paths).containsExactly("/count", "/count");
    }

    @Test
    void sessionVariablesSetByConnectionRulesLastForTheConnection() throws Exception {
        Backends.Http app = f.http("app");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    tcp-request connection set-var(sess.client) src
                    http-request set-header X-Client %%[var(sess.client)]
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(app.port()));
        assertThat(get("127.0.0.1", "/").body()).contains("x-client: 127.0.0.1");
    }

    // ---- stick rules

    @Test
    void stickOnSrcKeepsAClientOnItsServerWhileItIsUp() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        f.start(DEFAULTS + TO_APP + """
                    balance roundrobin
                    stick-table type ip size 1k expire 1m
                    stick on src
                    server s1 127.0.0.1:%d
                    server s2 127.0.0.1:%d
                """.formatted(a.port(), b.port()));
        String first = get("127.0.0.1", "/").header("x-server");
        String second = get("127.0.0.2", "/").header("x-server");
        assertThat(second).isNotEqualTo(first);
        for (int i = 0; i < 4; i++) {
            assertThat(get("127.0.0.1", "/").header("x-server")).isEqualTo(first);
            assertThat(get("127.0.0.2", "/").header("x-server")).isEqualTo(second);
        }
        String firstServer = first.equals("a") ? "s1" : "s2";
        assertThat(show("app")).contains("key=127.0.0.1 use=0 exp=")
                .contains("server_id=" + firstServer.substring(1) + " server_key=" + firstServer);

        f.proxy.plan().states().backend("app").server(firstServer).setUp(false);
        assertThat(get("127.0.0.1", "/").header("x-server")).isEqualTo(second);
        f.proxy.plan().states().backend("app").server(firstServer).setUp(true);
        assertThat(get("127.0.0.1", "/").header("x-server")).as("the table now names the other server")
                .isEqualTo(second);
    }

    @Test
    void srvkeyAddrStoresTheServersAddressAndFollowsSetServerAddr() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        f.start(DEFAULTS + TO_APP + """
                    stick-table type ip size 1k expire 1m srvkey addr
                    stick on src
                    server s1 127.0.0.1:%d
                """.formatted(a.port()));
        assertThat(get("127.0.0.1", "/").header("x-server")).isEqualTo("a");
        assertThat(show("app")).contains("key=127.0.0.1 ").contains("server_key=127.0.0.1:" + a.port());

        // set server addr: new entries name the address the server has now, and entries that
        // name it send their clients there
        f.proxy.plan().states().backend("app").server("s1").setRuntimeAddress(
                new java.net.InetSocketAddress("127.0.0.1", b.port()));
        assertThat(get("127.0.0.2", "/").header("x-server")).isEqualTo("b");
        assertThat(show("app")).contains("server_key=127.0.0.1:" + b.port());
    }

    // ---- reload

    @Test
    void aTableKeepsItsEntriesAcrossAReloadOfTheSameTypeAndStartsEmptyWhenTheTypeChanges() throws Exception {
        Backends.Http app = f.http("app");
        String config = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    stick-table type %s size %s store gpc0%s
                    http-request track-sc0 src
                    http-request sc-inc-gpc0(0)
                    http-response set-header X-Gpc0 %%[sc_get_gpc0(0)]
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """;
        f.start(config.formatted("ip", "10", "", app.port()));
        assertThat(get("127.0.0.1", "/").header("x-gpc0")).isEqualTo("1");
        assertThat(get("127.0.0.1", "/").header("x-gpc0")).isEqualTo("2");

        reload(config.formatted("ip", "20", ",http_req_cnt", app.port()));
        assertThat(get("127.0.0.1", "/").header("x-gpc0")).isEqualTo("3");
        assertThat(info("www")).isEqualTo(new StickTables.TableInfo("www", "ip", 20, 1));
        assertThat(show("www")).contains("gpc0=3 http_req_cnt=1");

        reload(config.formatted("string", "20", "", app.port()));
        assertThat(info("www")).isEqualTo(new StickTables.TableInfo("www", "string", 20, 0));
        assertThat(show("www")).isEmpty();
        assertThat(get("127.0.0.1", "/").header("x-gpc0")).isEqualTo("1");
    }
}
