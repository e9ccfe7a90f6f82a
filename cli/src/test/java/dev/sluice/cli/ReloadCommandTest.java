package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice reload}, as a deploy script runs it against a {@code sluice -f FILE} started in
 * another process: found through the configuration's {@code stats socket}, the outcome printed,
 * the exit code telling done (0), rejected (1) or not asked (2).
 */
@Timeout(120)
class ReloadCommandTest {

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

    private static final String CONFIG = """
            global
                stats socket %s mode 600 level admin
                stats socket ipv4@127.0.0.1:%d level operator
            """ + SluiceProcess.TWO_BACKENDS;

    @Test
    void reloadFindsTheSocketInTheConfigurationWaitsAndTellsTheOutcome() throws Exception {
        int a = running.backend("a");
        int b = running.backend("b");
        int port = SluiceProcess.freePort();
        int operator = SluiceProcess.freePort();
        Path sock = dir.resolve("admin.sock");
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, CONFIG.formatted(sock, operator, port, "one", a, b));
        running.start("-f", cfg.toString());
        assertThat(running.awaitStarted())
                .contains("www=127.0.0.1:" + port + " stats=" + sock + " stats=127.0.0.1:" + operator);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(SluiceProcess.get(client, port)).isEqualTo("a\n");

        Files.writeString(cfg, CONFIG.formatted(sock, operator, port, "two", a, b));
        CliTest.Run done = CliTest.run("reload", "-f", cfg.toString());
        assertThat(done.code()).as(done.err()).isZero();
        long pid = running.process().pid();
        assertThat(done.out()).matches("\\[NOTICE\\] +\\(" + pid + "\\) : sluice : reload 1: done in \\d+ ms "
                + "\\(listeners: 0 opened, 0 closed, 1 kept\\)\n");
        assertThat(done.err()).isEmpty();
        assertThat(SluiceProcess.get(client, port)).as("in force when reload returns").isEqualTo("b\n");

        Files.writeString(cfg, CONFIG.formatted(sock, operator, port, "missing", a, b));
        CliTest.Run rejected = CliTest.run("reload", "--socket", sock.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).isEmpty();
        assertThat(rejected.err()).contains("config : Proxy 'www': unable to find required default_backend: "
                + "'missing'.\n").endsWith(" : sluice : reload 2 rejected: the configuration has errors; the "
                + "configuration in force is unchanged\n");
        assertThat(SluiceProcess.get(client, port)).isEqualTo("b\n");
        assertThat(running.await(l -> l.contains("reload 2 rejected"))).as("the log has it too").isNotEmpty();

        CliTest.Run refused = CliTest.run("reload", "--socket", "127.0.0.1:" + operator);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("sluice reload: 127.0.0.1:" + operator
                + " refused the reload: its level is not admin\n");

        assertThat(running.terminate()).isZero();
        assertThat(sock).as("the socket file goes with the process").doesNotExist();
        CliTest.Run gone = CliTest.run("reload", "-f", cfg.toString());
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).startsWith("sluice reload: cannot reach the runtime socket " + sock + " ("
                + cfg + ":2): ").endsWith(" (is Sluice running with this configuration?)\n");
    }

    @Test
    void withoutASocketToAskReloadIsAUsageError() throws Exception {
        CliTest.Run none = CliTest.run("reload");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("sluice reload: give the runtime socket (--socket PATH|HOST:PORT) or the "
                + "configuration that declares it (-f FILE), not both\n");
        Path cfg = dir.resolve("plain.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 100
                frontend www
                    bind 127.0.0.1:8080
                """);
        CliTest.Run plain = CliTest.run("reload", "-f", cfg.toString());
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.err()).isEqualTo("sluice reload: " + cfg + " declares no 'stats socket' to send the reload "
                + "to; add one at level admin, or give --socket\n");
        Files.writeString(cfg, """
                global
                    stats socket /run/sluice-test.sock mode 660
                    stats socket 127.0.0.1:9999 level user
                frontend www
                    bind 127.0.0.1:8080
                """);
        CliTest.Run weak = CliTest.run("reload", "-f", cfg.toString());
        assertThat(weak.code()).isEqualTo(2);
        assertThat(weak.err()).isEqualTo("sluice reload: no 'stats socket' of " + cfg + " is at level admin, which "
                + "reload needs (" + cfg + ":2 is at level operator; " + cfg + ":3 is at level user)\n");
        CliTest.Run missing = CliTest.run("reload", "-f", dir.resolve("nope.cfg").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("sluice reload: Could not open configuration file ");
        CliTest.Run both = CliTest.run("reload", "--socket", "/x.sock", "-f", cfg.toString());
        assertThat(both.code()).isEqualTo(2);
        CliTest.Run abns = CliTest.run("reload", "--socket", "abns@sluice");
        assertThat(abns.err()).isEqualTo("sluice reload: 'abns@sluice': Sluice's runtime socket is a UNIX socket or "
                + "TCP, not abns@\n");
    }

    @Test
    void aStatsSocketThatCannotOpenStopsTheStart() throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Path sock = dir.resolve("no-such-dir").resolve("admin.sock");
        Files.writeString(cfg, CONFIG.formatted(sock, SluiceProcess.freePort(), SluiceProcess.freePort(), "one", 1, 1));
        running.start("-f", cfg.toString());
        assertThat(running.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.process().exitValue()).isEqualTo(1);
        assertThat(Files.readString(running.log())).containsPattern("\\[ALERT\\] +\\(\\d+\\) : sluice : stats socket "
                + java.util.regex.Pattern.quote(sock.toString()) + ": cannot bind: ");
    }
}
