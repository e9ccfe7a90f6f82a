package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same configuration run by the real HAProxy 2.6 on 127.0.0.1 and by the balancers: every
 * request must reach the same server. Each "server" is a listener of the same HAProxy process that
 * answers with its name. Covers the server ids, the weighted map, the consistent ring, the hash
 * functions and modifiers, the keys of uri, url_param, hdr and source, and static-rr's order.
 * Skipped when {@code haproxy} 2.6 is not on the PATH; HAProxy is stopped when the class ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HaproxyMappingLiveTest {

    private static final String SERVERS = """
                server s1 127.0.0.1:%1$d weight 3
                server s2 127.0.0.1:%2$d weight 1 id 9
                server s3 127.0.0.1:%3$d weight 2
                server s4 127.0.0.1:%4$d
                server s5 127.0.0.1:%5$d weight 6 id 4
            """;

    /** Backend name to its balance lines. */
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("uri_map", "balance uri");
        CASES.put("uri_cons", "balance uri\n    hash-type consistent");
        CASES.put("uri_opts", "balance uri whole len 12 depth 2\n    hash-type map-based djb2");
        CASES.put("uri_path", "balance uri path-only\n    hash-type consistent djb2 avalanche");
        CASES.put("param", "balance url_param user\n    hash-type consistent crc32 avalanche");
        CASES.put("param_map", "balance url_param user");
        CASES.put("host", "balance hdr(host) use_domain_only\n    hash-type map-based sdbm avalanche");
        CASES.put("ua", "balance hdr(User-Agent)\n    hash-type consistent sdbm");
        CASES.put("src_map", "balance source");
        CASES.put("src_cons", "balance source\n    hash-type consistent");
        CASES.put("srr", "balance static-rr");
    }

    @TempDir
    static Path dir;
    private static Process haproxy;
    private static String config;
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    private static ServerStates states;

    @BeforeAll
    static void start() throws Exception {
        assumeThat(version()).as("haproxy 2.6 on the PATH").startsWith("2.6");
        int[] server = freePorts(5);
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 500
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 5s
                    timeout server 5s
                """);
        for (int i = 0; i < server.length; i++) {
            cfg.append("listen srv").append(i + 1).append("\n    bind 127.0.0.1:").append(server[i])
                    .append("\n    http-request return status 200 content-type text/plain string s").append(i + 1)
                    .append('\n');
        }
        int[] front = freePorts(CASES.size());
        int k = 0;
        for (Map.Entry<String, String> c : CASES.entrySet()) {
            PORTS.put(c.getKey(), front[k]);
            cfg.append("frontend f_").append(c.getKey()).append("\n    bind 127.0.0.1:").append(front[k++])
                    .append("\n    default_backend ").append(c.getKey()).append("\nbackend ").append(c.getKey())
                    .append("\n    ").append(c.getValue()).append('\n')
                    .append(String.format(SERVERS, server[0], server[1], server[2], server[3], server[4]));
        }
        config = cfg.toString();
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(front[front.length - 1])) {
            if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("haproxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
            }
            Thread.sleep(20);
        }
        states = ServerStates.of(Plans.compile(config), null);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    @Test
    void uriHashing() throws IOException {
        for (String backend : List.of("uri_map", "uri_cons", "uri_opts", "uri_path")) {
            for (int i = 0; i < 60; i++) {
                String uri = "/dir" + i % 7 + "/sub" + i + "/file.html?q=" + i;
                assertSame(backend, uri, "h", null);
            }
        }
    }

    @Test
    void urlParamHashing() throws IOException {
        for (String backend : List.of("param", "param_map")) {
            for (int i = 0; i < 60; i++) {
                assertSame(backend, "/login?a=1&user=u" + i * 7919 + "&b=2", "h", null);
            }
        }
    }

    @Test
    void headerHashing() throws IOException {
        for (int i = 0; i < 60; i++) {
            assertSame("host", "/", "www.site" + i + ".example.com", null);
            assertSame("ua", "/", "h", "agent/" + i + " (x; y)");
        }
    }

    @Test
    void sourceHashing() throws IOException {
        for (String backend : List.of("src_map", "src_cons")) {
            for (int i = 1; i < 40; i++) {
                String from = "127.0." + i % 3 + "." + (i * 37 % 250 + 1);
                String theirs = request(backend, "/", "h", null, from);
                BalanceInput input = Inputs.address(127, 0, i % 3, i * 37 % 250 + 1);
                assertThat(states.backend(backend).balancer().select(input).name()).as("%s from %s", backend, from)
                        .isEqualTo(theirs);
            }
        }
    }

    @Test
    void staticRoundRobinOrder() throws IOException {
        List<String> theirs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            theirs.add(request("srr", "/", "h", null, null));
            ours.add(states.backend("srr").balancer().select(BalanceInput.NONE).name());
        }
        assertThat(ours).isEqualTo(theirs);
    }

    private static void assertSame(String backend, String uri, String host, String userAgent) throws IOException {
        String theirs = request(backend, uri, host, userAgent, null);
        Inputs input = Inputs.uri(uri).with("Host", host);
        if (userAgent != null) {
            input.with("User-Agent", userAgent);
        }
        assertThat(states.backend(backend).balancer().select(input).name())
                .as("%s: %s (Host %s, User-Agent %s)", backend, uri, host, userAgent).isEqualTo(theirs);
    }

    /** One request through HAProxy; the name of the server that answered. */
    private static String request(String backend, String uri, String host, String userAgent, String from)
            throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", PORTS.get(backend)), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            String req = "GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n") + "Connection: close\r\n\r\n";
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                open.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor(10, TimeUnit.SECONDS);
            int at = out.indexOf("version ");
            return at < 0 ? "" : out.substring(at + 8).split("[ -]", 2)[0];
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
