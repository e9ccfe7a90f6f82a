package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.runtime.Transport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CliTest.Run r = CliTest.run("run", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("[ALERT]").contains("missing").contains("Fatal errors found in configuration.");
    }

    @Test
    void whatTheRuntimeCannotDoIsRefusedAtItsLine() throws IOException {
        Path cfg = dir.resolve("body.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%d
                    http-request deny if { req.body -m sub secret }
                    default_backend app
                backend app
                    server a 127.0.0.1:9
                """.formatted(SluiceProcess.freePort()));
        CliTest.Run r = CliTest.run("run", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("[ALERT]").contains(
                "config : parsing [" + cfg + ":8] : sample fetch 'req.body' is not supported by the runtime");
    }

    @Test
    void theProxyServesUntilSigtermThenStops() throws Exception {
        try (SluiceProcess running = new SluiceProcess(dir)) {
            int backend = running.backend("hello from the backend");
            int port = SluiceProcess.freePort();
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
                    """.formatted(port, backend));
            Path pid = dir.resolve("sluice.pid");
            running.start("-f", cfg.toString(), "-p", pid.toString());
            assertThat(running.awaitStarted()).contains("www=127.0.0.1:" + port);
            assertThat(Files.readAllLines(running.log())).anySatisfy(l -> assertThat(l)
                    .contains("parsing [" + cfg + ":8] : option httplog is not enforced by Sluice's runtime yet"));
            assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(running.process().pid()));

            assertThat(SluiceProcess.get(HttpClient.newHttpClient(), port)).isEqualTo("hello from the backend\n");

            assertThat(running.terminate()).isZero();
            assertThat(Files.readAllLines(running.log())).anySatisfy(l -> assertThat(l).contains("sluice : stopped"));
            assertThat(pid).doesNotExist();
        }
    }

    /** {@link SluiceProcess#TWO_BACKENDS} on {@code port}, serving from the backend on {@code backend}. */
    private Path config(int port, int backend) throws IOException {
        return Files.writeString(dir.resolve("two.cfg"), SluiceProcess.TWO_BACKENDS.formatted(port, "one", backend, backend));
    }

    @Test
    void sluiceTransportChoosesIoUring() throws Exception {
        assumeTrue(Transport.Kind.IO_URING.available(), "io_uring does not run on this machine");
        try (SluiceProcess running = new SluiceProcess(dir)) {
            int port = SluiceProcess.freePort();
            Path cfg = config(port, running.backend("over io_uring"));
            running.environment.put("SLUICE_TRANSPORT", "io_uring");
            running.start("-f", cfg.toString());

            assertThat(running.awaitStarted()).contains("proxy started (io_uring)");
            assertThat(SluiceProcess.get(HttpClient.newHttpClient(), port)).isEqualTo("over io_uring\n");
            assertThat(running.terminate()).isZero();
        }
    }

    @Test
    void anUnknownSluiceTransportStopsTheStartSayingSo() throws Exception {
        try (SluiceProcess running = new SluiceProcess(dir)) {
            int port = SluiceProcess.freePort();
            Path cfg = config(port, running.backend("unused"));
            running.environment.put("SLUICE_TRANSPORT", "kqueue");
            running.start("-f", cfg.toString());

            assertThat(running.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(running.process().exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(running.log())).anySatisfy(l -> assertThat(l).startsWith("[ALERT]")
                    .endsWith("sluice : SLUICE_TRANSPORT: unknown transport 'kqueue' (expected io_uring, epoll or nio)"));
        }
    }
}
