package dev.sluice.runtime.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.compiler.plan.HealthCheck;
import dev.sluice.compiler.plan.ServerCheck;
import dev.sluice.runtime.Transport;
import dev.sluice.runtime.TransportUnderTest;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Health checks against real servers on 127.0.0.1 that come and go. */
@Timeout(30)
class HealthCheckerTest {

    private final Transport transport = TransportUnderTest.get();
    private final EventLoopGroup group = transport.group(1);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** The first report that matches, waiting up to 5 s for it. */
    private static HealthChecker.Report awaitReport(List<HealthChecker.Report> reports,
            Predicate<HealthChecker.Report> wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            for (HealthChecker.Report r : reports) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            Thread.sleep(5);
        } while (System.nanoTime() - end < 0);
        throw new AssertionError("no such report in " + reports);
    }

    /** inter 100 ms, rise 2, fall 3. */
    private static final ServerCheck FAST = new ServerCheck(true, 100, 0, 0, 2, 3, null, null, false, false);

    @Test
    void aTcpServerGoesDownAfterFallFailuresAndUpAfterRiseSuccesses() throws Exception {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = server.getLocalPort();
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        List<HealthChecker.Report> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        HealthChecker checker = new HealthChecker(group.next(), transport.channel(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), FAST, HealthCheck.TCP, 500,
                changes::add, reports::add);
        checker.start();
        Thread.sleep(400);
        assertThat(checker.isUp()).isTrue();
        assertThat(changes).isEmpty();

        server.close();
        assertThat(changes.poll(5, TimeUnit.SECONDS)).isFalse();
        assertThat(checker.isUp()).isFalse();
        // the change is told just before the report of the check that made it
        HealthChecker.Report down = awaitReport(reports, r -> r.health() == 0);
        assertThat(down.result().status()).isEqualTo(CheckStatus.L4CON);
        assertThat(reports.subList(0, reports.indexOf(down) + 1)).filteredOn(r -> !r.result().ok()).hasSize(3);
        assertThat(reports).first().satisfies(r -> {
            assertThat(r.result().status()).isEqualTo(CheckStatus.L4OK);
            assertThat(r.health()).isEqualTo(4);
        });

        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(checker.isUp()).isTrue();
        } finally {
            checker.stop();
        }
    }

    @Test
    void anHttpCheckFollowsTheExpectedStatus() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        server.createContext("/", e -> {
            seen.add(e.getRequestMethod() + " " + e.getRequestURI() + " " + e.getRequestHeaders().getFirst("X-Check"));
            e.sendResponseHeaders(status.get(), -1);
            e.close();
        });
        server.start();
        HealthCheck check = new HealthCheck("http", "GET", "/health", "HTTP/1.1", List.of(), List.of(
                new HealthCheck.CheckRule("http-check", "send", List.of("hdr", "X-Check", "sluice")),
                new HealthCheck.CheckRule("http-check", "expect", List.of("status", "200-299"))));
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        List<HealthChecker.Result> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        HealthChecker checker = new HealthChecker(group.next(), transport.channel(), server.getAddress(), FAST, check,
                500, changes::add, r -> results.add(r.result()));
        try {
            checker.start();
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("GET /health sluice");
            status.set(503);
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isFalse();
            status.set(204);
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(results).contains(new HealthChecker.Result(CheckStatus.L7STS, 503,
                    "HTTP status 503, expected status 200-299"));
            assertThat(results).last().isEqualTo(new HealthChecker.Result(CheckStatus.L7OK, 204, "HTTP status 204"));
        } finally {
            checker.stop();
            server.stop(0);
        }
    }

    @Test
    void statusListsAndRanges() {
        assertThat(HttpCheck.statusMatches(200, "200")).isTrue();
        assertThat(HttpCheck.statusMatches(204, "200,204")).isTrue();
        assertThat(HttpCheck.statusMatches(302, "200-299")).isFalse();
        assertThat(HttpCheck.statusMatches(399, "300-399")).isTrue();
    }
}
