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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice -f FILE} reloaded by SIGHUP and SIGUSR2, as a user (or a deploy script) reloads it. */
@Timeout(90)
class RunReloadTest {

    @TempDir
    Path dir;

    private final List<HttpServer> backends = new ArrayList<>();
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        backends.forEach(b -> b.stop(0));
    }

    private int backend(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        s.createContext("/", e -> {
            byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        s.start();
        backends.add(s);
        return s.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static final String CONFIG = """
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:%d
                default_backend %s
            backend one
                server a 127.0.0.1:%d
            backend two
                server b 127.0.0.1:%d
            """;

    private Path start(String... args) throws IOException {
        Path logFile = dir.resolve("sluice.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        return logFile;
    }

    /** Waits (at most 20 s) for a log line matching {@code what}; the whole log. */
    private List<String> await(Path logFile, Predicate<String> what) throws Exception {
        List<String> log = List.of();
        for (int i = 0; i < 400 && process.isAlive(); i++) {
            log = Files.readAllLines(logFile);
            if (log.stream().anyMatch(what)) {
                return log;
            }
            Thread.sleep(50);
        }
        return log;
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static String get(HttpClient client, int port) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void sighupAndSigusr2ReloadTheConfigurationAndAnErrorKeepsTheOneInForce() throws Exception {
        int a = backend("a");
        int b = backend("b");
        int port = freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, CONFIG.formatted(port, "one", a, b));
        Path logFile = start("-f", cfg.toString());
        assertThat(await(logFile, l -> l.contains("proxy started"))).anySatisfy(l -> assertThat(l)
                .contains("www=127.0.0.1:" + port));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, port)).isEqualTo("a\n");

        Files.writeString(cfg, CONFIG.formatted(port, "two", a, b));
        signal("HUP");
        List<String> log = await(logFile, l -> l.contains("reload 1"));
        assertThat(log).anySatisfy(l -> assertThat(l).matches("\\[NOTICE\\] +\\(" + process.pid()
                + "\\) : sluice : reload 1: done in \\d+ ms \\(listeners: 0 opened, 0 closed, 1 kept\\)"));
        assertThat(get(client, port)).as("the same client, its connection kept alive").isEqualTo("b\n");

        Files.writeString(cfg, CONFIG.formatted(port, "missing", a, b));
        signal("USR2");
        log = await(logFile, l -> l.contains("reload 2"));
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("[ALERT]")
                .endsWith(": config : Proxy 'www': unable to find required default_backend: 'missing'."));
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("[ALERT]")
                .endsWith(": config : Fatal errors found in configuration."));
        assertThat(log).anySatisfy(l -> assertThat(l).matches("\\[ALERT\\] +\\(" + process.pid()
                + "\\) : sluice : reload 2 rejected: the configuration has errors; the configuration in force is "
                + "unchanged"));
        assertThat(get(client, port)).isEqualTo("b\n");
        assertThat(process.isAlive()).isTrue();

        process.destroy();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aPlanIsReadAgainOnSighup() throws Exception {
        int a = backend("a");
        int b = backend("b");
        int port = freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Path plan = dir.resolve("plan.json");
        compile(cfg, plan, CONFIG.formatted(port, "one", a, b));
        Path logFile = start("run", "--plan", plan.toString());
        assertThat(await(logFile, l -> l.contains("proxy started"))).isNotEmpty();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, port)).isEqualTo("a\n");

        compile(cfg, plan, CONFIG.formatted(port, "two", a, b));
        signal("HUP");
        assertThat(await(logFile, l -> l.contains("reload 1"))).anySatisfy(l -> assertThat(l)
                .contains("reload 1: done in"));
        assertThat(get(client, port)).isEqualTo("b\n");

        Files.writeString(plan, "{ not a plan");
        signal("HUP");
        assertThat(await(logFile, l -> l.contains("reload 2"))).anySatisfy(l -> assertThat(l)
                .contains("reload 2 rejected: cannot read the plan " + plan));
        assertThat(get(client, port)).isEqualTo("b\n");
    }

    private static void compile(Path cfg, Path plan, String config) throws IOException {
        Files.writeString(cfg, config);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"compile", "-f", cfg.toString(), "-o", plan.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }
}
