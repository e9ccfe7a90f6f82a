package dev.sluice.runtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code show table} side by side: the same configuration and requests in HAProxy and in Sluice,
 * each runtime socket's answer compared line for line once entry
 * addresses and milliseconds to expiry are masked. Both answers are kept in
 * {@code target/conformance/show-table/{haproxy,sluice}/show-table.txt}.
 */
@Timeout(60)
class ShowTableConformanceTest {

    /** What the frontend's table of {@link #TRACKING} stores. */
    private static final String STORED = "http_req_rate(10s),gpc0,conn_cur,conn_cnt,http_req_cnt,http_err_cnt,"
            + "sess_cnt,gpt0,gpc1_rate(5s),http_fail_rate(1m)";

    private static final String TRACKING = """
            global
                stats socket ${socket} level admin
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend www
                bind 127.0.0.1:${port}
                stick-table type ip size 100k expire 30s store ${store}
                http-request track-sc0 src
                http-request track-sc1 req.hdr(x-user) table users if { req.hdr(x-user) -m found }
                http-request sc-inc-gpc0(0) if { path_beg /inc }
                http-request sc-inc-gpc1(0) if { path_beg /inc }
                http-request sc-set-gpt0(0) 42 if { path_beg /inc }
                http-request sc-inc-gpc(1,1) if { path_beg /inc }
                http-request deny deny_status 429 if { path_beg /deny }
                default_backend app
            backend app
                balance roundrobin
                stick-table type ip size 1k expire 1m
                stick on src
                server a ${server}
            backend users
                stick-table type string len 8 size 10 store gpc(2),http_req_cnt
            """;

    /** The requests: path, source address, X-User header or null. */
    private record Call(String path, String from, String user) {}

    private static final List<Call> TRACKING_CALLS = List.of(new Call("/inc", "127.0.0.1", null),
            new Call("/deny", "127.0.0.1", null), new Call("/plain", "127.0.0.1", null),
            new Call("/inc", "127.0.0.2", "a long user name"), new Call("/plain", "127.0.0.3", "bob"));

    /** A backend's content and HTTP rules track: each request counts once on each of their entries. */
    private static final String BACKEND = """
            global
                stats socket ${socket} level admin
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend www
                bind 127.0.0.1:${port}
                default_backend app
            backend app
                stick-table type ip size 1k store http_req_cnt,conn_cnt,conn_cur
                tcp-request content track-sc0 src
                http-request track-sc1 src table users
                server a ${server}
            backend users
                stick-table type ip size 1k store http_req_cnt,conn_cnt
            """;

    @Test
    void showTablePrintsWhatHaproxyPrints() throws Exception {
        compare("show-table", TRACKING, TRACKING_CALLS, List.of("", "www", "app", "users"));
    }

    @Test
    void aBackendsTrackingCountsEachRequestOnce() throws Exception {
        compare("show-table-backend", BACKEND, List.of(new Call("/1", "127.0.0.1", null),
                new Call("/2", "127.0.0.1", null), new Call("/3", "127.0.0.2", null)), List.of("app", "users"));
    }

    private static void compare(String name, String config, List<Call> calls, List<String> tables) throws Exception {
        Optional<Path> haproxy = Haproxy.binary();
        Assumptions.assumeTrue(haproxy.isPresent(), "HAProxy is not installed: show table comparison skipped");
        HaproxyVersion version = Haproxy.version(haproxy.get());
        Path dir = Path.of("target", "conformance", name).toAbsolutePath();
        Map<String, String> expected = run(dir.resolve("haproxy"), config, calls, tables,
                (text, d, port) -> Haproxy.start(haproxy.get(), text, d, List.of(port)));
        Map<String, String> actual = run(dir.resolve("sluice"), config, calls, tables,
                (text, d, port) -> Sluice.start(text, version, d, List.of(port)));
        for (String table : tables) {
            assertThat(mask(actual.get(table))).as("show table " + table).isEqualTo(mask(expected.get(table)));
        }
    }

    /** Masks what differs by nature: entry addresses, milliseconds to expiry. */
    private static String mask(String dump) {
        return dump.replaceAll("0x[0-9a-f]+:", "0x?:").replaceAll("exp=\\d+", "exp=?");
    }

    @FunctionalInterface
    private interface Starter {
        AutoCloseable start(String config, Path dir, int port) throws Exception;
    }

    /**
     * Starts a proxy on {@code config}, sends the calls, and returns what its runtime socket answers
     * to {@code show table} of each table ("" for all).
     */
    private static Map<String, String> run(Path dir, String config, List<Call> calls, List<String> tables,
            Starter starter) throws Exception {
        Files.createDirectories(dir);
        int port = Ports.free();
        Map<String, String> out = new HashMap<>();
        try (TestServer.Http app = new TestServer.Http("a", Ports.free())) {
            app.start();
            String text = config.replace("${store}", STORED)
                    .replace("${socket}", dir.resolve("runtime.sock").toString())
                    .replace("${port}", Integer.toString(port)).replace("${server}", "127.0.0.1:" + app.port());
            try (AutoCloseable proxy = starter.start(text, dir, port)) {
                for (Call c : calls) {
                    Request r = Request.get(c.path()).close();
                    if (c.user() != null) {
                        r = r.header("X-User", c.user());
                    }
                    RawClient.conversation(port, c.from(), c.path(), List.of(r), new HashMap<>());
                }
                Thread.sleep(200); // the proxy sees the last connection close
                StringBuilder kept = new StringBuilder();
                for (String table : tables) {
                    out.put(table, socket(dir.resolve("runtime.sock"), "show table " + table));
                    kept.append("> show table ").append(table).append('\n').append(out.get(table));
                }
                Files.writeString(dir.resolve("show-table.txt"), kept, StandardCharsets.ISO_8859_1);
            }
        }
        return out;
    }

    /** One command on a runtime socket; its whole answer. */
    private static String socket(Path path, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            List<Byte> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ch.read(buf) >= 0 && System.nanoTime() < deadline) {
                buf.flip();
                while (buf.hasRemaining()) {
                    read.add(buf.get());
                }
                buf.clear();
            }
            byte[] bytes = new byte[read.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = read.get(i);
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
