package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run} and {@code sluice -f FILE}: the proxy as a process, started and stopped as a user would. */
@Timeout(60)
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void aConfigurationWithErrorsDoesNotStart() throws IOException {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "frontend www\n    bind 127.0.0.1:8080\n    default_backend missing\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "-f", cfg.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("[ALERT]").contains("missing").contains("Fatal errors found in configuration.");
    }

    @Test
    void theProxyServesUntilSigtermThenStops() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        backend.createContext("/", e -> {
            byte[] body = "hello from the backend\n".getBytes(StandardCharsets.US_ASCII);
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        backend.start();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%d
                    option httplog
                    default_backend app
                backend app
                    server a 127.0.0.1:%d
                """.formatted(port, backend.getAddress().getPort()));
        Path pid = dir.resolve("sluice.pid");
        Path logFile = dir.resolve("sluice.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-f", cfg.toString(), "-p", pid.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        try {
            List<String> log = List.of();
            for (int i = 0; i < 300 && p.isAlive(); i++) {
                log = Files.readAllLines(logFile);
                if (log.stream().anyMatch(l -> l.contains("proxy started"))) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(log).anySatisfy(l -> assertThat(l).contains("proxy started").contains("www=127.0.0.1:" + port));
            assertThat(log).anySatisfy(l -> assertThat(l)
                    .contains("parsing [" + cfg + ":8] : option httplog is not enforced by Sluice's runtime yet"));
            assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(p.pid()));

            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello from the backend\n");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            log = Files.readAllLines(logFile);
            assertThat(p.exitValue()).isZero();
            assertThat(log).anySatisfy(l -> assertThat(l).contains("sluice : stopped"));
            assertThat(pid).doesNotExist();
        } finally {
            p.destroyForcibly();
            backend.stop(0);
        }
    }
}
