package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.l7.CookieDates;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Routing, rules, balancing, persistence and health checks through the proxy, with real sockets. */
@Timeout(30)
class HttpFeaturesTest {

    private final ProxyFixture f = new ProxyFixture();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.port("www") + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a Host header (which Java's client will not set), read until the proxy closes. */
    private String withHost(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.port("www"))) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            """;

    /** {@link #DEFAULTS} and a frontend that sends every request to backend app, whose lines follow. */
    private static final String TO_APP = DEFAULTS + ProxyFixture.TO_APP;

    @Test
    void procVariablesAreTheProcesssAndOutliveRequestsConnectionsAndReloads() throws Exception {
        Backends.Http app = f.http("app");
        String config = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    http-request set-var(proc.seen) var(proc.seen),add(1) if { var(proc.seen) -m found }
                    http-request set-var(proc.seen) int(1) unless { var(proc.seen) -m found }
                    http-response set-header X-Seen %%[var(proc.seen)]
                    http-response set-header X-Gen %s
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """;
        f.start(config.formatted("one", app.port()));
        // the Java client keeps one connection: a second client is a second connection
        assertThat(get("/").headers().firstValue("x-seen")).contains("1");
        assertThat(get("/").headers().firstValue("x-seen")).contains("2");
        HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> third = other.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.port("www")
                + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(third.headers().firstValue("x-seen")).contains("3");
        assertThat(f.reload(config.formatted("two", app.port())).done()).isTrue();
        HttpResponse<String> after = get("/");
        assertThat(after.headers().firstValue("x-gen")).contains("two");
        assertThat(after.headers().firstValue("x-seen")).as("kept across the reload").contains("4");
    }

    @Test
    void aclsRouteRequestsAndRulesChangeThem() throws Exception {
        Backends.Http web = f.http("web");
        Backends.Http api = f.http("api");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    acl is_api path_beg /api
                    acl admin_host hdr(host) -i admin.example.com
                    http-request deny deny_status 429 if { path /blocked }
                    http-request return status 200 content-type text/plain string pong if { path /ping }
                    http-request set-header X-Proto http
                    http-request del-header X-Secret
                    http-request replace-header X-Version v(\\d+) release-\\1
                    http-response set-header X-Served-By sluice
                    redirect prefix https://admin.example.com code 301 if admin_host !{ path_beg /login }
                    use_backend api if is_api
                    default_backend web
                backend web
                    server w1 127.0.0.1:%d
                backend api
                    http-request set-path /v2%%[path]
                    server a1 127.0.0.1:%d
                """.formatted(web.port(), api.port()));
        HttpResponse<String> r = get("/api/users", "X-Secret", "s3", "X-Version", "v7");
        assertThat(r.headers().firstValue("x-server")).contains("api");
        assertThat(r.body()).contains("uri=/v2/api/users").contains("x-proto: http").doesNotContain("x-secret")
                .contains("x-version: release-7");
        assertThat(r.headers().firstValue("x-served-by")).contains("sluice");

        assertThat(get("/index.html").headers().firstValue("x-server")).contains("web");
        assertThat(get("/blocked").statusCode()).isEqualTo(429);
        HttpResponse<String> pong = get("/ping");
        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(pong.body()).isEqualTo("pong");
        assertThat(withHost("/dash?x=1", "admin.example.com")).startsWith("HTTP/1.1 301")
                .containsIgnoringCase("location: https://admin.example.com/dash?x=1");
    }

    @Test
    void dynamicUseBackendReadsAMap(@TempDir Path dir) throws Exception {
        Backends.Http blue = f.http("blue");
        Backends.Http green = f.http("green");
        Path map = dir.resolve("hosts.map");
        Files.writeString(map, "# host backend\nblue.example.com be_blue\ngreen.example.com be_green\n");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    use_backend %%[req.hdr(host),lower,map(%s,be_blue)]
                backend be_blue
                    server b1 127.0.0.1:%d
                backend be_green
                    server g1 127.0.0.1:%d
                """.formatted(map, blue.port(), green.port()));
        assertThat(withHost("/", "GREEN.example.com")).contains("server=green");
        assertThat(withHost("/", "blue.example.com")).contains("server=blue");
        assertThat(withHost("/", "other.example.com")).contains("server=blue");
    }

    @Test
    void cookieInsertKeepsAClientOnItsServer() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        f.start(TO_APP + """
                    cookie SRV insert indirect nocache httponly
                    server s1 127.0.0.1:%d cookie s1
                    server s2 127.0.0.1:%d cookie s2
                """.formatted(a.port(), b.port()));
        HttpResponse<String> first = get("/");
        String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
        String server = first.headers().firstValue("x-server").orElseThrow();
        assertThat(setCookie).isEqualTo("SRV=" + (server.equals("a") ? "s1" : "s2") + "; path=/; HttpOnly");
        // nocache marks only responses a cache could keep (this one says nothing): as HAProxy
        assertThat(first.headers().firstValue("cache-control")).isEmpty();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> again = get("/", "Cookie", cookie + "; other=1");
            assertThat(again.headers().firstValue("x-server")).contains(server);
            assertThat(again.headers().firstValue("set-cookie")).isEmpty();
            // indirect: the server never sees the persistence cookie
            assertThat(again.body()).contains("cookie: other=1").doesNotContain("SRV=");
        }
    }

    @Test
    void sourceHashingIsStableAndUriHashingSpreads() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        Backends.Http c = f.http("c");
        f.start(TO_APP + """
                    balance uri
                    server s1 127.0.0.1:%d
                    server s2 127.0.0.1:%d
                    server s3 127.0.0.1:%d
                """.formatted(a.port(), b.port(), c.port()));
        Set<String> servers = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String first = get("/item/" + i).headers().firstValue("x-server").orElseThrow();
            assertThat(get("/item/" + i + "?q=other").headers().firstValue("x-server")).contains(first);
            servers.add(first);
        }
        assertThat(servers).hasSizeGreaterThan(1);
    }

    @Test
    void randomBalancingSpreadsByWeightAndSkipsADisabledServer() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        Backends.Http c = f.http("c");
        f.start(TO_APP + """
                    balance random(2)
                    server s1 127.0.0.1:%d weight 1
                    server s2 127.0.0.1:%d weight 9
                    server s3 127.0.0.1:%d disabled
                """.formatted(a.port(), b.port(), c.port()));
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(get("/r" + i).headers().firstValue("x-server").orElseThrow(), 1, Integer::sum);
        }
        // the disabled server gets nothing; both others get some, the heavier one most
        assertThat(counts).doesNotContainKey("c").containsKeys("a", "b");
        assertThat(counts.get("b")).isGreaterThan(counts.get("a"));
    }

    @Test
    void hostHashingWithUseDomainOnlyKeepsADomainOnOneServer() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        Backends.Http c = f.http("c");
        f.start(TO_APP + """
                    balance hdr(host) use_domain_only
                    hash-type consistent
                    server s1 127.0.0.1:%d
                    server s2 127.0.0.1:%d
                    server s3 127.0.0.1:%d
                """.formatted(a.port(), b.port(), c.port()));
        Set<String> servers = new HashSet<>();
        for (int d = 0; d < 12; d++) {
            // every host name of one domain goes where the domain goes
            String first = serverOf(withHost("/", "www.domain" + d + ".com"));
            for (String sub : List.of("img", "api", "static.cdn")) {
                assertThat(serverOf(withHost("/", sub + ".domain" + d + ".com"))).as("domain %d", d).isEqualTo(first);
            }
            servers.add(first);
        }
        assertThat(servers).as("twelve domains over three servers").hasSizeGreaterThan(1);
    }

    private static String serverOf(String response) {
        return response.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("x-server:"))
                .map(l -> l.substring(9).trim()).findFirst().orElseThrow(() -> new AssertionError(response));
    }

    @Test
    void maxidleAndMaxlifeDateTheInsertedCookieAndAnExpiredOneIsIgnored() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        f.start(TO_APP + """
                    cookie SRV insert maxidle 30m maxlife 2h
                    server s1 127.0.0.1:%d cookie a
                    server s2 127.0.0.1:%d cookie b
                """.formatted(a.port(), b.port()));
        String set = get("/").headers().firstValue("set-cookie").orElseThrow();
        assertThat(set).matches("SRV=[ab]\\|([A-Za-z0-9+/]{5})\\|\\1; path=/");
        long now = System.currentTimeMillis() / 1000;
        // a valid cookie keeps its server; one last seen an hour ago (over maxidle), or first set
        // three hours ago (over maxlife), is ignored: the requests are balanced again (a, b, a...)
        String fresh = "SRV=b|" + CookieDates.encode(now) + "|" + CookieDates.encode(now - 3600);
        for (int i = 0; i < 4; i++) {
            assertThat(get("/", "Cookie", fresh).headers().firstValue("x-server")).contains("b");
        }
        for (String stale : List.of("SRV=b|" + CookieDates.encode(now - 3600) + "|" + CookieDates.encode(now),
                "SRV=b|" + CookieDates.encode(now) + "|" + CookieDates.encode(now - 3 * 3600))) {
            Set<String> servers = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get("/", "Cookie", stale);
                servers.add(r.headers().firstValue("x-server").orElseThrow());
                assertThat(r.headers().firstValue("set-cookie")).as("a new cookie with fresh dates").isPresent();
            }
            assertThat(servers).as(stale).containsExactlyInAnyOrder("a", "b");
        }
        // a cookie last seen a while ago but within maxidle gets its last-seen date moved on, its first kept
        String first = CookieDates.encode(now - 600);
        HttpResponse<String> r = get("/", "Cookie", "SRV=a|" + CookieDates.encode(now - 60) + "|" + first);
        assertThat(r.headers().firstValue("x-server")).contains("a");
        assertThat(r.headers().firstValue("set-cookie").orElseThrow()).matches("SRV=a\\|[A-Za-z0-9+/]{5}\\|" + first
                .replace("+", "\\+") + "; path=/");
    }

    @Test
    void healthChecksSendTrafficToTheBackupWhenThePrimaryDies() throws Exception {
        Backends.Http primary = f.http("primary");
        Backends.Http spare = f.http("spare");
        f.start(TO_APP + """
                    option httpchk GET /health
                    server p1 127.0.0.1:%d check inter 100ms fall 2 rise 1
                    server b1 127.0.0.1:%d check inter 100ms backup
                """.formatted(primary.port(), spare.port()));
        assertThat(get("/").headers().firstValue("x-server")).contains("primary");
        primary.close();
        String server = "";
        for (int i = 0; i < 50 && !server.equals("spare"); i++) {
            Thread.sleep(100);
            HttpResponse<String> r = get("/");
            server = r.headers().firstValue("x-server").orElse("");
        }
        assertThat(server).isEqualTo("spare");
    }

    @Test
    void serverMaxconnQueuesTheExcess() throws Exception {
        Backends.Http a = f.http("a");
        f.start(TO_APP + """
                    timeout queue 5s
                    server s1 127.0.0.1:%d maxconn 1
                """.formatted(a.port()));
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + f.port("www") + "/q" + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : all) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRedirectAnswersWithoutClosingAKeepAliveConnection() throws Exception {
        Backends.Http a = f.http("a");
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    http-request redirect scheme https code 302 if { path_beg /secure }
                    default_backend app
                backend app
                    server s1 127.0.0.1:%d
                """.formatted(a.port()));
        try (Socket s = new Socket("127.0.0.1", f.port("www"))) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /secure/x HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "GET /plain HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String both = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(both).startsWith("HTTP/1.1 302").contains("location: https://example.com/secure/x")
                    .contains("HTTP/1.1 200").contains("uri=/plain");
        }
    }
}
