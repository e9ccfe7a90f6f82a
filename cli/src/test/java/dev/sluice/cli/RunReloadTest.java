package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice -f FILE} reloaded by SIGHUP and SIGUSR2, as a user (or a deploy script) reloads it. */
@Timeout(90)
class RunReloadTest {

    @TempDir
    Path dir;

    private SluiceProcess running;

    @BeforeEach
    void setUp() {
        running = new SluiceProcess(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    /** Sluice on haproxy.cfg ({@link SluiceProcess#TWO_BACKENDS}), its www frontend on backend one (server a). */
    private record Serving(int a, int b, int port, Path cfg, HttpClient client) {}

    /** Starts Sluice with backend one in force, and checks that server a answers through it. */
    private Serving serveBackendOne() throws Exception {
        int a = running.backend("a");
        int b = running.backend("b");
        int port = SluiceProcess.freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, SluiceProcess.TWO_BACKENDS.formatted(port, "one", a, b));
        running.start("-f", cfg.toString());
        assertThat(running.awaitStarted()).contains("www=127.0.0.1:" + port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(SluiceProcess.get(client, port)).isEqualTo("a\n");
        return new Serving(a, b, port, cfg, client);
    }

    @Test
    void sighupAndSigusr2ReloadTheConfigurationAndAnErrorKeepsTheOneInForce() throws Exception {
        Serving s = serveBackendOne();

        Files.writeString(s.cfg(), SluiceProcess.TWO_BACKENDS.formatted(s.port(), "two", s.a(), s.b()));
        running.signal("HUP");
        List<String> log = running.await(l -> l.contains("reload 1"));
        assertThat(log).anySatisfy(l -> assertThat(l).matches("\\[NOTICE\\] +\\(" + running.process().pid()
                + "\\) : sluice : reload 1: done in \\d+ ms \\(listeners: 0 opened, 0 closed, 1 kept\\)"));
        assertThat(SluiceProcess.get(s.client(), s.port())).as("the same client, its connection kept alive")
                .isEqualTo("b\n");

        Files.writeString(s.cfg(), SluiceProcess.TWO_BACKENDS.formatted(s.port(), "missing", s.a(), s.b()));
        running.signal("USR2");
        log = running.await(l -> l.contains("reload 2"));
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("[ALERT]")
                .endsWith(": config : Proxy 'www': unable to find required default_backend: 'missing'."));
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("[ALERT]")
                .endsWith(": config : Fatal errors found in configuration."));
        assertThat(log).anySatisfy(l -> assertThat(l).matches("\\[ALERT\\] +\\(" + running.process().pid()
                + "\\) : sluice : reload 2 rejected: the configuration has errors; the configuration in force is "
                + "unchanged"));
        assertThat(SluiceProcess.get(s.client(), s.port())).isEqualTo("b\n");
        assertThat(running.process().isAlive()).isTrue();

        assertThat(running.terminate()).isZero();
    }

    @Test
    void aReloadTheRuntimeCannotRunIsRejectedAtTheLineItCannotRun() throws Exception {
        Serving s = serveBackendOne();

        String next = SluiceProcess.TWO_BACKENDS.formatted(s.port(), "two", s.a(), s.b())
                .replace("default_backend two",
                        "http-request deny if { req.body -m sub secret }\n    default_backend two");
        Files.writeString(s.cfg(), next);
        running.signal("HUP");
        assertThat(running.await(l -> l.contains("reload 1"))).anySatisfy(l -> assertThat(l)
                .startsWith("[ALERT]").endsWith(": sluice : reload 1 rejected: parsing [" + s.cfg() + ":8] : "
                        + "sample fetch 'req.body' is not supported by the runtime; the configuration in force is "
                        + "unchanged"));
        assertThat(SluiceProcess.get(s.client(), s.port())).as("the plan in force is kept").isEqualTo("a\n");
    }

    @Test
    void aPlanIsReadAgainOnSighup() throws Exception {
        int a = running.backend("a");
        int b = running.backend("b");
        int port = SluiceProcess.freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Path plan = dir.resolve("plan.json");
        compile(cfg, plan, SluiceProcess.TWO_BACKENDS.formatted(port, "one", a, b));
        running.start("run", "--plan", plan.toString());
        assertThat(running.awaitStarted()).contains("www=127.0.0.1:" + port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(SluiceProcess.get(client, port)).isEqualTo("a\n");

        compile(cfg, plan, SluiceProcess.TWO_BACKENDS.formatted(port, "two", a, b));
        running.signal("HUP");
        assertThat(running.await(l -> l.contains("reload 1"))).anySatisfy(l -> assertThat(l)
                .contains("reload 1: done in"));
        assertThat(SluiceProcess.get(client, port)).isEqualTo("b\n");

        Files.writeString(plan, "{ not a plan");
        running.signal("HUP");
        assertThat(running.await(l -> l.contains("reload 2"))).anySatisfy(l -> assertThat(l)
                .contains("reload 2 rejected: cannot read the plan " + plan));
        assertThat(SluiceProcess.get(client, port)).isEqualTo("b\n");
    }

    private static void compile(Path cfg, Path plan, String config) throws IOException {
        Files.writeString(cfg, config);
        CliTest.Run compiled = CliTest.run("compile", "-f", cfg.toString(), "-o", plan.toString());
        assertThat(compiled.code()).as(compiled.err()).isZero();
    }
}
