package dev.sluice.runtime;

import static dev.sluice.runtime.ProxyFixture.DEFAULTS;
import static dev.sluice.runtime.ProxyFixture.TCP_DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy with real sockets on 127.0.0.1: TCP relay and HTTP proxying to servers the test starts. */
@Timeout(30)
class ProxyServerTest {

    /**
     * A loopback port nothing listens on: port 1 (tcpmux) is unused on Linux hosts. A port freed
     * by closing a socket could be taken by another test's server before the proxy connects.
     */
    private static final int DEAD_PORT = 1;

    private final ProxyFixture f = new ProxyFixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** Frontend db relays to the echo server whose port fills it in. */
    private static final String TCP = TCP_DEFAULTS + """
            frontend db
                bind 127.0.0.1:0
                default_backend echo
            backend echo
                server e1 127.0.0.1:%d
            """;

    private InetSocketAddress address(String frontend) {
        return f.proxy.boundAddresses(frontend).get(0);
    }

    @Test
    void linuxOnX8664UsesTheNativeTransport() {
        boolean linuxAmd64 = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
        org.junit.jupiter.api.Assumptions.assumeTrue(linuxAmd64, "not Linux x86-64");
        assertThat(Transport.best().name()).isEqualTo("epoll");
    }

    @Test
    void tcpModeRelaysBothWaysWithHalfClose() throws Exception {
        Backends.Echo echo = f.echo();
        f.start(TCP.formatted(echo.port()));
        byte[] payload = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(payload);
        try (Socket s = new Socket()) {
            s.connect(address("db"));
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    in.transferTo(received);
                } catch (IOException e) {
                    // the assertion below tells
                }
            });
            reader.start();
            out.write(payload);
            out.flush();
            s.shutdownOutput();
            reader.join(20_000);
            assertThat(received.toByteArray()).isEqualTo(payload);
        }
    }

    @Test
    void tcpModeClosesTheClientWhenNoServerAnswers() throws Exception {
        int dead = DEAD_PORT;
        f.start("""
                defaults
                    mode tcp
                    timeout connect 500ms
                    timeout client 10s
                    timeout server 10s
                    retries 1
                frontend db
                    bind 127.0.0.1:0
                    default_backend none
                backend none
                    server e1 127.0.0.1:%d
                """.formatted(dead));
        try (Socket s = new Socket()) {
            s.connect(address("db"));
            s.setSoTimeout(5_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    /**
     * Sends {@code bytes} the proxy will not relay, then reads: the end of the connection, as
     * HAProxy gives it, where closing a socket with unread bytes would send the client a reset.
     */
    private static void assertEndsWithoutReset(InetSocketAddress proxy, int bytes) throws IOException {
        assertThat(answerBeforeTheEnd(proxy, new byte[bytes])).isEmpty();
    }

    /** Sends {@code bytes}, then reads all the proxy answers up to the end, which must not be a reset. */
    private static String answerBeforeTheEnd(InetSocketAddress proxy, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(proxy);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(bytes);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aClientWhoseServerIsDownSeesItsConnectionEndNotAReset() throws Exception {
        f.start(TCP_DEFAULTS + """
                frontend db
                    bind 127.0.0.1:0
                    default_backend none
                backend none
                    retries 0
                    server e1 127.0.0.1:%d
                """.formatted(DEAD_PORT));
        assertEndsWithoutReset(address("db"), 100_000);
    }

    /** TCP frontend content rejects a client once it has sent 3 bytes; backend none has no server up. */
    private static final String REJECTING = TCP_DEFAULTS + """
            frontend content
                bind 127.0.0.1:0
                tcp-request inspect-delay 2s
                tcp-request content reject if { req.len ge 3 }
                default_backend none
            backend none
                server e1 127.0.0.1:%d
            """.formatted(DEAD_PORT);

    @Test
    void aRejectedClientSeesItsConnectionEndNotAReset() throws Exception {
        f.start(REJECTING + """
                frontend connection
                    bind 127.0.0.1:0
                    tcp-request connection reject
                    default_backend none
                """);
        assertEndsWithoutReset(address("content"), 200_000);
        assertEndsWithoutReset(address("connection"), 1_000);
    }

    @Test
    void anHttpRequestRejectedWithItsBodyUnreadEndsTheConnectionNotAReset() throws Exception {
        f.start(DEFAULTS + """
                frontend www
                    bind 127.0.0.1:0
                    tcp-request content reject if { path /upload }
                    default_backend none
                backend none
                    server e1 127.0.0.1:%d
                """.formatted(DEAD_PORT));
        byte[] head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = java.util.Arrays.copyOf(head, head.length + 200_000);
        assertThat(answerBeforeTheEnd(address("www"), request)).isEmpty();
    }

    @Test
    void aRejectedClientThatKeepsItsSideOpenIsClosedAnyway() throws Exception {
        f.start(REJECTING);
        try (Socket s = new Socket()) {
            s.connect(address("content"));
            s.setSoTimeout(5_000);
            s.getOutputStream().write(new byte[10]);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (f.proxy.activeConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(f.proxy.activeConnections()).as("connections still open").isZero();
        }
    }

    private static final String HTTP = DEFAULTS + """
            frontend www
                bind 127.0.0.1:0
                option forwardfor
                default_backend app
            backend app
                server a 127.0.0.1:%d
                server b 127.0.0.1:%d
            """;

    @Test
    void httpRequestsAreBalancedOverKeepAliveConnections() throws Exception {
        Backends.Http a = f.http("a");
        Backends.Http b = f.http("b");
        f.start(HTTP.formatted(a.port(), b.port()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://" + hostPort("www") + "/hello?n=" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("uri=/hello?n=" + i).contains("x-forwarded-for: 127.0.0.1");
            servers.add(r.headers().firstValue("x-server").orElseThrow());
        }
        assertThat(servers).containsExactly("a", "b", "a", "b");
    }

    @Test
    void bodiesStreamBothWays() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] upload = new byte[5 * 1024 * 1024];
        HttpResponse<String> up = client.send(HttpRequest.newBuilder(URI.create("http://" + hostPort("www") + "/up"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.body()).contains("body-bytes=" + upload.length);
        HttpResponse<byte[]> down = client.send(HttpRequest.newBuilder(
                URI.create("http://" + hostPort("www") + "/big/" + (8 * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(down.body()).hasSize(8 * 1024 * 1024);
    }

    @Test
    void noServerGives503() throws Exception {
        int dead = DEAD_PORT;
        f.start(HTTP.formatted(dead, dead).replace("timeout connect 2s", "timeout connect 300ms"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + hostPort("www") + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
    }

    @Test
    void errorfilesReplaceTheProxysOwnPages(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        int dead = DEAD_PORT;
        java.nio.file.Path page = dir.resolve("503.http");
        java.nio.file.Files.writeString(page, "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                + "Connection: close\r\n\r\nback soon\n");
        f.start(HTTP.formatted(dead, dead).replace("timeout connect 2s", "timeout connect 300ms")
                .replace("backend app\n", "backend app\n    errorfile 503 " + page + "\n"));
        // as HAProxy sends it: its status line, its headers with their names in lower case
        assertThat(raw("www", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isEqualTo("HTTP/1.0 503 Service Unavailable\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n"
                        + "back soon\n");
    }

    @Test
    void http10ClientsAndHeadRequests() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        String reply = raw("www", "GET /old HTTP/1.0\r\n\r\n");
        // answered in HTTP/1.1, as HAProxy answers an HTTP/1.0 client
        assertThat(reply).startsWith("HTTP/1.1 200").contains("uri=/old");
        String head = raw("www", "HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").doesNotContain("server=a");
    }

    @Test
    void aMalformedRequestGets400() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        assertThat(raw("www", "GET / HTTP/1.1\r\nHost x\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void anUpgradeBecomesATunnel() throws Exception {
        Backends.WebSocket ws = new Backends.WebSocket();
        f.open.add(ws);
        f.start(HTTP.formatted(ws.port(), ws.port()).replace("timeout server 10s",
                "timeout server 10s\n    timeout tunnel 1h"));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(Backends.WebSocket.HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = Backends.readHead(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket")
                    .contains("X-Saw-Upgrade: true");
            for (String frame : List.of("ping", "a longer message over the tunnel")) {
                Backends.assertEchoes(s, frame);
            }
        }
    }

    @Test
    void whatTheServerSendsRightAfterIts101ReachesTheClient() throws Exception {
        String greeting = "a frame the server sends first";
        Backends.WebSocket ws = new Backends.WebSocket(greeting);
        f.open.add(ws);
        f.start(HTTP.formatted(ws.port(), ws.port()));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.setSoTimeout(10_000);
            s.getOutputStream().write(Backends.WebSocket.HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(Backends.readHead(s.getInputStream())).startsWith("HTTP/1.1 101");
            assertThat(new String(s.getInputStream().readNBytes(greeting.length()), StandardCharsets.ISO_8859_1))
                    .isEqualTo(greeting);
            Backends.assertEchoes(s, "and then the client's");
        }
    }

    @Test
    void aWebsocketHandshakeWithoutItsKeyOrAnAnswerWithoutAnAcceptIsRefusedAsHaproxyRefusesIt() throws Exception {
        java.net.ServerSocket ws = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        f.open.add(ws);
        Thread server = new Thread(() -> {
            while (!ws.isClosed()) {
                try (Socket s = ws.accept()) {
                    InputStream in = s.getInputStream();
                    String head = Backends.readHead(in);
                    // an accept that is not the key's for /wrong, none for the rest
                    String accept = head.startsWith("GET /wrong ") ? "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBvbmU=\r\n" : "";
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n" + accept + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (accept.isEmpty()) {
                        in.read(); // the proxy decides with the connection open
                    }
                } catch (IOException e) {
                    // next connection, or the test is over
                }
            }
        });
        server.setDaemon(true);
        server.start();
        f.start(HTTP.formatted(ws.getLocalPort(), ws.getLocalPort()));
        String upgrade = "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        assertThat(raw("www", "GET /chat HTTP/1.1\r\n" + upgrade + "\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw("www", "GET /chat HTTP/1.1\r\n" + upgrade.replace("Upgrade\r\n", "Upgrade, close\r\n") + key
                + "\r\n")).startsWith("HTTP/1.1 502");
        // the accept value is the client's to check, as with HAProxy
        assertThat(raw("www", "GET /wrong HTTP/1.1\r\n" + upgrade + key + "\r\n")).startsWith("HTTP/1.1 101")
                .contains("Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBvbmU=");
    }

    /** A keep-alive HTTP server counting the connections it accepts; answers each request "ok". */
    private static final class CountingServer implements AutoCloseable {
        final java.net.ServerSocket socket = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

        CountingServer() throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket c = socket.accept();
                        accepted.incrementAndGet();
                        Thread h = new Thread(() -> serve(c));
                        h.setDaemon(true);
                        h.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private static void serve(Socket c) {
            try (c) {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = c.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    boolean expect = false;
                    for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                        expect |= h.equalsIgnoreCase("expect: 100-continue");
                    }
                    if (expect) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        in.read(new char[4]); // the 4-byte body of the test's request
                    }
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                // the proxy closed
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void httpServerCloseOpensAServerConnectionPerRequest() throws Exception {
        for (boolean serverClose : new boolean[] {false, true}) {
            CountingServer backend = new CountingServer();
            f.open.add(backend);
            f.start(HTTP.formatted(backend.socket.getLocalPort(), backend.socket.getLocalPort())
                    .replace("option forwardfor", serverClose ? "option http-server-close" : "option forwardfor"));
            String replies = raw("www", "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(replies.split("HTTP/1.1 200", -1)).hasSize(3);
            assertThat(backend.accepted.get()).isEqualTo(serverClose ? 2 : 1);
            f.proxy.close();
            f.proxy = null;
        }
    }

    @Test
    void aClientClosingAnIdleKeepAliveConnectionFreesItAtOnce() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getInputStream().read(new byte[100]);
            assertThat(f.proxy.activeConnections()).isEqualTo(1);
            s.shutdownOutput();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (f.proxy.activeConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(f.proxy.activeConnections()).as("open connections after the client's close").isZero();
        }
    }

    @Test
    void expectContinueIsRelayed() throws Exception {
        CountingServer backend = new CountingServer();
        f.open.add(backend);
        f.start(HTTP.formatted(backend.socket.getLocalPort(), backend.socket.getLocalPort()));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("data".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] reply = in.readNBytes(17);
            assertThat(new String(reply, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK");
        }
    }

    /** A server that reads each request's head and answers {@code response} as is, in one write. */
    private int answering(String response) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        f.open.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    Backends.readHead(c.getInputStream());
                    c.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    c.getOutputStream().flush();
                    c.getInputStream().read(); // until the proxy closes
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @Test
    void pipelinedRequestsSentBeforeTheClientShutItsSideAreAllAnswered() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 OK", -1)).as(answers).hasSize(3);
            assertThat(answers).contains("uri=/one").contains("uri=/two");
        }
    }

    @Test
    void aBrokenChunkInARequestBodyGets400() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()));
        assertThat(raw("www", "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void aBrokenChunkInAResponseGives502() throws Exception {
        int server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        f.start(HTTP.formatted(server, server));
        assertThat(raw("www", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 502");
    }

    @Test
    void aResponseDeniedWithItsBodyInTheSameReadGives502AndTheNextIsServed() throws Exception {
        int server = answering("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Secret: 1\r\n\r\nsecret");
        f.start(HTTP.formatted(server, server).replace("    default_backend app",
                "    http-response deny if { res.hdr(x-secret) -m found }\n    default_backend app"));
        String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        String answers = raw("www", get + get + get.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
        assertThat(answers.split("HTTP/1.1 502", -1)).as("three 502s on the one connection").hasSize(4);
        assertThat(answers).startsWith("HTTP/1.1 502").doesNotContain("secret");
    }

    @Test
    void aResponseHeadReachesTheClientBeforeItsBodyExists() throws Exception {
        // the server sends the head, then the body only once the client has seen the head
        // (long polling, server-sent events): the proxy must not wait for the body to pass the head on
        java.util.concurrent.CountDownLatch headSeen = new java.util.concurrent.CountDownLatch(1);
        java.net.ServerSocket server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        f.open.add(server);
        Thread t = new Thread(() -> {
            try (Socket c = server.accept()) {
                Backends.readHead(c.getInputStream());
                OutputStream out = c.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (headSeen.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    out.write("later".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                c.getInputStream().read();
            } catch (IOException | InterruptedException e) {
                // the test fails on the client's side
            }
        });
        t.setDaemon(true);
        t.start();
        f.start(HTTP.formatted(server.getLocalPort(), server.getLocalPort()));
        try (Socket s = new Socket()) {
            s.connect(address("www"));
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /poll HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String head = Backends.readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 5");
            headSeen.countDown();
            assertThat(new String(in.readNBytes(5), StandardCharsets.ISO_8859_1)).isEqualTo("later");
        }
    }

    private String hostPort(String frontend) {
        InetSocketAddress a = address(frontend);
        return a.getHostString() + ":" + a.getPort();
    }

    /** Sends {@code request} as is and reads until the proxy closes. */
    private String raw(String frontend, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address(frontend));
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void atMaxconnTheListenerStopsAcceptingUntilAConnectionCloses() throws Exception {
        Backends.Http a = f.http("a");
        f.start(HTTP.formatted(a.port(), a.port()).replace("option forwardfor", "maxconn 1"));
        String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        try (Socket first = new Socket()) {
            first.connect(address("www"));
            first.setSoTimeout(5_000);
            first.getOutputStream().write(get.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(first.getInputStream().read()).isEqualTo('H');
            try (Socket second = new Socket()) {
                second.connect(address("www")); // the kernel completes it; the proxy does not accept it
                second.getOutputStream().write(get.getBytes(StandardCharsets.ISO_8859_1));
                second.setSoTimeout(500);
                assertThatThrownBy(() -> second.getInputStream().read())
                        .isInstanceOf(java.net.SocketTimeoutException.class);
                first.setSoLinger(true, 0); // a reset: an HTTP connection the client half-closes stays until its timeout
                first.close();
                second.setSoTimeout(5_000);
                assertThat(second.getInputStream().read()).as("accepted once the first closed").isEqualTo('H');
            }
        }
    }

    @Test
    void stopWaitsForOpenConnectionsUpToTheGrace() throws Exception {
        Backends.Echo echo = f.echo();
        f.start(TCP.formatted(echo.port()));
        try (Socket s = new Socket()) {
            s.connect(address("db"));
            s.getOutputStream().write('x');
            assertThat(s.getInputStream().read()).isEqualTo('x');
            long t0 = System.nanoTime();
            f.proxy.stop(Duration.ofMillis(300));
            f.proxy = null;
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }
}
