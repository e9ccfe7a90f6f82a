package dev.sluice.runtime.conformance;

import static dev.sluice.runtime.conformance.ConfigTemplate.DEFAULTS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: what reaches the server and the client for plain proxying, and errors. */
@Timeout(60)
class HttpConformanceTest {

    static final String ONE_SERVER = DEFAULTS + """
            frontend www
                bind 127.0.0.1:${port:www}
                option forwardfor
                default_backend app
            backend app
                server a ${server:a}
            """;

    /** Servers that refuse connections: a short connect timeout and one retry keep the 503 quick. */
    static final String DEAD = """
            defaults
                mode http
                timeout connect 300ms
                timeout client 5s
                timeout server 5s
                retries 1
            frontend www
                bind 127.0.0.1:${port:www}
                default_backend app
            backend app
                server a ${server:a}
                server b ${server:b}
            """;

    @Test
    void forwardforAddsTheClientAddressAfterTheClientsOwnHeaders() throws Exception {
        Scenario.named("option forwardfor").config(ONE_SERVER).httpServers("a")
                .connection(Request.get("/plain"),
                        Request.get("/spoofed").header("X-Forwarded-For", "203.0.113.9"),
                        Request.get("/headers").header("X-Custom", "one").header("x-custom", "two")
                                .header("Accept", "*/*"))
                .connectionFrom("127.0.0.7", Request.get("/other-address"))
                .run();
    }

    @Test
    void requestBodiesAndConnectionClose() throws Exception {
        Scenario.named("bodies and connection close").config(ONE_SERVER).httpServers("a")
                .connection(Request.post("/post", "a=1&b=2").header("Content-Type", "application/x-www-form-urlencoded"),
                        Request.get("/last").close(),
                        Request.get("/after-close"))
                .run();
    }

    @Test
    void aWebsocketHandshakeBecomesATunnel() throws Exception {
        byte[] frames = new byte[64 * 1024];
        new Random(11).nextBytes(frames);
        Scenario.named("websocket").config(ONE_SERVER).httpServers("a")
                .upgrade(Request.websocket("/chat"), frames)
                .upgrade(Request.get("/as-firefox-asks").header("Connection", "keep-alive, Upgrade")
                        .header("Upgrade", "websocket").header("Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw==")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Protocol", "chat"),
                        "hello".getBytes(StandardCharsets.ISO_8859_1))
                .upgrade(Request.get("/no-key").header("Connection", "Upgrade").header("Upgrade", "websocket")
                        .header("Sec-WebSocket-Version", "13").statusOnly(), new byte[1])
                .upgrade(Request.websocket("/bad-accept"), "the server's accept is not checked".getBytes(
                        StandardCharsets.ISO_8859_1))
                .upgrade(Request.websocket("/no-accept").statusOnly(), new byte[1])
                .upgrade(Request.get("/another-protocol").header("Connection", "Upgrade")
                        .header("Upgrade", "example/1"), "not a websocket".getBytes(StandardCharsets.ISO_8859_1))
                .connection(Request.get("/after-the-tunnels"))
                .run();
    }

    @Test
    void forwardforWithItsOptions() throws Exception {
        Scenario.named("option forwardfor except header if-none").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            option forwardfor except 127.0.0.7 header X-Client if-none
                            default_backend app
                        backend app
                            server a ${server:a}
                        """).httpServers("a")
                .connection(Request.get("/added"), Request.get("/already-there").header("X-Client", "203.0.113.9"),
                        Request.get("/other-name-only").header("X-Forwarded-For", "203.0.113.9"))
                .connectionFrom("127.0.0.7", Request.get("/excepted"))
                .connectionFrom("127.0.0.8", Request.get("/not-excepted"))
                .run();
    }

    @Test
    void httpcloseEndsTheClientConnectionAndServerCloseKeepsIt() throws Exception {
        String template = DEFAULTS + """
                frontend www
                    bind 127.0.0.1:${port:www}
                    option %s
                    default_backend app
                backend app
                    server a ${server:a}
                """;
        for (String option : new String[] {"httpclose", "http-server-close", "http-keep-alive"}) {
            Scenario.named("option " + option).config(template.formatted(option)).httpServers("a")
                    .connection(Request.get("/first"), Request.get("/second-on-the-same-connection"))
                    .connection(Request.get("/http-1.0").version("HTTP/1.0").header("Connection", "keep-alive"),
                            Request.get("/second-http-1.0").version("HTTP/1.0").header("Connection", "keep-alive"))
                    .run();
        }
    }

    @Test
    void whatServersAnswerReachesTheClient() throws Exception {
        Scenario.named("server answers").config(ONE_SERVER).httpServers("a")
                .connection(Request.get("/status/204"), Request.get("/status/304"), Request.get("/status/404"),
                        Request.get("/status/500"), Request.get("/status/503"), Request.get("/chunked"),
                        Request.head("/chunked"), Request.get("/after-those"))
                .connection(Request.get("/unframed"), Request.get("/after-unframed"))
                .connection(Request.get("/unframed").version("HTTP/1.0").header("Connection", "keep-alive"))
                .run();
    }

    @Test
    void brokenOrMissingAnswersGet502And504() throws Exception {
        Scenario.named("broken and missing answers").config(DEFAULTS.replace("timeout server 5s", "timeout server 1s")
                        + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            default_backend app
                        backend app
                            server a ${server:a}
                        """).httpServers("a")
                .connection(Request.get("/bad-response"))
                .connection(Request.get("/no-response"))
                .connection(Request.get("/sleep/2000"))
                .connection(Request.get("/after-the-errors"))
                .run();
    }

    @Test
    void anUnfinishedRequestGets408() throws Exception {
        Scenario.named("timeout http-request").config(DEFAULTS.replace("timeout server 5s", "timeout server 1s") + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            timeout http-request 500ms
                            default_backend app
                        backend app
                            server a ${server:a}
                        """).httpServers("a")
                .connection(Request.raw("GET /unfinished HTTP/1.1\r\nHost: " + Request.HOST + "\r\n"))
                .connection(Request.raw("POST /body-short HTTP/1.1\r\nHost: " + Request.HOST
                        + "\r\nContent-Length: 10\r\n\r\nabc").statusOnly())
                .connection(Request.get("/finished"))
                .run();
    }

    @Test
    void chunkedAndExpectingRequestBodies() throws Exception {
        String host = "Host: " + Request.HOST + "\r\n";
        Scenario.named("chunked and 100-continue request bodies").config(ONE_SERVER).httpServers("a")
                .connection(Request.raw("POST /chunked HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n"
                                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
                        Request.raw("POST /chunked-with-trailer HTTP/1.1\r\n" + host
                                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"),
                        Request.raw("POST /expect HTTP/1.1\r\n" + host + "Content-Length: 5\r\n"
                                + "Expect: 100-continue\r\n\r\nhello"),
                        Request.raw("PUT /empty-chunked HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n"),
                        Request.get("/after-the-bodies"))
                .run();
    }

    @Test
    void http10RequestsAreAnswered() throws Exception {
        Scenario.named("HTTP/1.0 requests, status").config(ONE_SERVER).httpServers("a")
                .connection(Request.get("/old").version("HTTP/1.0").statusOnly())
                .connection(Request.get("/old-with-host").version("HTTP/1.0").host(Request.HOST).statusOnly())
                .run();
    }

    @Test
    void http10RequestsAsTheServerAndTheClientSeeThem() throws Exception {
        Scenario.named("HTTP/1.0 requests").config(ONE_SERVER).httpServers("a")
                .connection(Request.get("/old").version("HTTP/1.0"))
                .connection(Request.get("/old-with-host").version("HTTP/1.0").host(Request.HOST))
                .run();
    }

    @Test
    void headRequestsGetHeadersOnly() throws Exception {
        Scenario.named("HEAD").config(ONE_SERVER).httpServers("a")
                .connection(Request.head("/h1"), Request.get("/after-head"), Request.head("/h2").close())
                .run();
    }

    @Test
    void malformedRequestsGet400() throws Exception {
        Scenario.named("malformed requests").config(ONE_SERVER).httpServers("a")
                .connection(Request.raw("GET / HTTP/1.1\r\nHost x\r\n\r\n").statusOnly())
                .connection(Request.raw("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n").statusOnly())
                .connection(Request.raw("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n").statusOnly())
                .connection(Request.raw("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n").statusOnly())
                .run();
    }

    @Test
    void noServerUpGives503() throws Exception {
        Scenario.named("503 when every server is down").config(DEAD).deadServers("a", "b")
                .separateConnections(Request.get("/1").statusOnly(), Request.get("/2").statusOnly())
                .run();
    }

    @Test
    void a503KeepsTheConnection() throws Exception {
        Scenario.named("503 keeps the connection").config(DEAD).deadServers("a", "b")
                .connection(Request.get("/1").statusOnly(), Request.get("/2").statusOnly())
                .run();
    }

    @Test
    void errorfileReplaces503() throws Exception {
        Scenario.named("errorfile 503")
                .config(DEAD.replace("backend app\n", "backend app\n    errorfile 503 ${file:503}\n"))
                .deadServers("a", "b")
                .file("503", "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nCache-Control: no-cache\r\n"
                        + "Connection: close\r\n\r\nback soon\n")
                .connection(Request.get("/1").withBody())
                .run();
    }

    private static Scenario redispatch(String title, java.util.function.UnaryOperator<Request> check) {
        return Scenario.named(title)
                .config(RoundRobinConformanceTest.THREE.replace("timeout connect 1s",
                        "timeout connect 300ms\n    retries 2\n    option redispatch"))
                .httpServers("a", "c").deadServers("b")
                .roundRobinOver("a", "b", "c")
                .separateConnections(Stream.of("/1", "/2", "/3", "/4", "/5", "/6").map(Request::get).map(check)
                        .toArray(Request[]::new))
                .connection(Stream.of("/k1", "/k2", "/k3").map(Request::get).map(check).toArray(Request[]::new));
    }

    @Test
    void retriesAndRedispatchGetPastADeadServer() throws Exception {
        redispatch("retries and redispatch with a dead server, status", Request::statusOnly).run();
    }

    @Test
    void theServerARedispatchChooses() throws Exception {
        redispatch("retries and redispatch with a dead server", UnaryOperator.identity()).run();
    }

    @Test
    void retriesWithoutRedispatchStayOnTheDeadServer() throws Exception {
        Scenario.named("retries without redispatch")
                .config(RoundRobinConformanceTest.THREE.replace("timeout connect 1s",
                        "timeout connect 300ms\n    retries 2"))
                .httpServers("a", "c").deadServers("b")
                .roundRobinOver("a", "b", "c")
                .separateConnections(Stream.of("/1", "/2", "/3", "/4", "/5", "/6").map(Request::get)
                        .toArray(Request[]::new))
                .run();
    }

    @Test
    void aServerComingBackIsUsedAgain() throws Exception {
        Scenario.named("a server stopped and started")
                .config(RoundRobinConformanceTest.THREE.replace("timeout connect 1s",
                        "timeout connect 300ms\n    retries 2\n    option redispatch"))
                .httpServers("a", "b", "c")
                .roundRobinOver("a", "b", "c")
                .separateConnections(Request.get("/1"), Request.get("/2"), Request.get("/3"))
                .stop("b")
                .separateConnections(Request.get("/4"), Request.get("/5"), Request.get("/6"))
                .start("b")
                .pause(Duration.ofMillis(100))
                .separateConnections(Request.get("/7"), Request.get("/8"), Request.get("/9"))
                .run();
    }
}
