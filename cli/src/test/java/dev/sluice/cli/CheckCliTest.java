package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice -c} and {@code sluice check} as a user sees them. */
class CheckCliTest {

    @TempDir
    Path dir;

    private static final String TIMEOUTS = "defaults\n    timeout connect 5s\n    timeout client 30s\n"
            + "    timeout server 30s\n";

    @Test
    void aValidConfigurationSaysSoOnStdout() throws IOException {
        Path cfg = write("ok.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n    default_backend app\n"
                + "backend app\n    server s1 127.0.0.1:9000\n");
        CliTest.Run r = CliTest.run("-c", "-f", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Configuration file is valid\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void errorsGoToStderrInHaproxysFormatWithExitCode1() throws IOException {
        Path cfg = write("bad.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n    default_backend nowhere\n");
        CliTest.Run r = CliTest.run("-c", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "[ALERT]    (PID) : config : Proxy 'web': unable to find required default_backend: 'nowhere'.\n"
                + "[ALERT]    (PID) : config : Fatal errors found in configuration.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void nothingToListenOnExits2() throws IOException {
        Path cfg = write("idle.cfg", TIMEOUTS + "backend app\n    server s1 127.0.0.1:9000\n");
        CliTest.Run r = CliTest.run("-c", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("Configuration file has no error but will not start (no listener) => exit(2).\n");
    }

    @Test
    void warningsAreReportedAndFatalWithDashDW() throws IOException {
        Path cfg = write("warn.cfg", "frontend web\n    bind 127.0.0.1:8080\n");
        CliTest.Run r = CliTest.run("-c", "-f", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("[WARNING]  (PID) : config : missing timeouts for frontend 'web'.\n   | While");
        assertThat(r.out()).isEqualTo("Warnings were found.\nConfiguration file is valid\n");

        CliTest.Run strict = CliTest.run("-c", "-dW", "-f", cfg.toString());
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).endsWith(
                "[ALERT]    (PID) : config : Some warnings were found and 'zero-warning' is set. Aborting.\n");
        assertThat(strict.out()).isEmpty();
    }

    @Test
    void quietPrintsNothing() throws IOException {
        Path cfg = write("bad.cfg", "frontend web\n    bind 127.0.0.1:8080\n    default_backend nowhere\n");
        CliTest.Run r = CliTest.run("-c", "-q", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aMissingCertificateIsANoticeOffline() throws IOException {
        Path cfg = write("tls.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8443 ssl crt " + dir.resolve("no.pem")
                + "\n    default_backend app\nbackend app\n    server s1 127.0.0.1:9000\n");
        assertThat(CliTest.run("-c", "-f", cfg.toString()).code()).isEqualTo(1);
        CliTest.Run offline = CliTest.run("-c", "--offline", "-f", cfg.toString());
        assertThat(offline.code()).isZero();
        assertThat(offline.err()).contains("[NOTICE]", "unable to stat SSL certificate", "offline");
    }

    @Test
    void dashFWithoutDashCRunsTheProxyWhichRefusesAConfigurationWithNothingToListenOn() throws IOException {
        Path cfg = write("ok.cfg", TIMEOUTS);
        CliTest.Run r = CliTest.run("-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("[ALERT]", "no enabled listener found");
    }

    @Test
    void haproxysOwnCommandLineWorksAsIs() throws IOException {
        Path cfg = write("ok.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n");
        // what a deploy script passes to haproxy: run-time options have no effect on a check
        CliTest.Run r = CliTest.run("-c", "-V", "-db", "-D", "-W", "-n", "2000", "-p", dir.resolve("pid").toString(),
                "-sf", "123", "456", "-f", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Configuration file is valid\n");
        assertThat(r.err()).isEmpty();

        Path more = write("more.cfg", "backend app\n    server s1 127.0.0.1:9000\n");
        assertThat(CliTest.run("-c", "-q", "--", cfg.toString(), more.toString()).code()).isZero();
        assertThat(CliTest.run("-cq", "-f", cfg.toString()).out()).isEqualTo("Configuration file is valid\n");
        assertThat(CliTest.run("--target-version=2.6", "-c", "-f", cfg.toString()).code()).isZero();
    }

    @Test
    void dashLNamesTheLocalPeerAsHaproxyDoes() throws IOException {
        Path cfg = write("peers.cfg", "peers mesh\n    peer alpha 127.0.0.1:10001\n    peer beta 127.0.0.1:10002\n"
                + TIMEOUTS + "backend app\n    server s1 127.0.0.1:9000\n");
        // the peers section listens only when a peer line names this process
        assertThat(CliTest.run("-c", "-q", "-L", "gamma", "-f", cfg.toString()).code()).isEqualTo(2);
        CliTest.Run local = CliTest.run("-c", "-L", "alpha", "-f", cfg.toString());
        assertThat(local.code()).isZero();
        assertThat(local.out()).isEqualTo("Configuration file is valid\n");
    }

    @Test
    void dashCReadsRelativeNamesFromADirectoryAsHaproxyDoes() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/main.cfg"), TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n"
                + "    errorfile 503 pages/503.http\n");
        // relative names in the configuration start there too: the page is missing
        CliTest.Run missing = CliTest.run("-c", "-C", dir.resolve("etc").toString(), "-f", "main.cfg");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("[main.cfg:7]", "errorfile : error opening file 'pages/503.http'.");

        Files.createDirectories(dir.resolve("etc/pages"));
        Files.writeString(dir.resolve("etc/pages/503.http"), "HTTP/1.0 503 Service Unavailable\r\n\r\n");
        CliTest.Run found = CliTest.run("-c", "-C", dir.resolve("etc").toString(), "-f", "main.cfg");
        assertThat(found.code()).isZero();
        assertThat(found.out()).isEqualTo("Configuration file is valid\n");

        CliTest.Run nowhere = CliTest.run("-c", "-C", dir.resolve("nowhere").toString(), "-f", "main.cfg");
        assertThat(nowhere.code()).isEqualTo(1);
        assertThat(nowhere.err()).isEqualTo("[ALERT]    (PID) : Could not change to directory " + dir.resolve("nowhere")
                + " : No such file or directory\n");
    }

    @Test
    void aCommandLineHaproxyWouldRefuseIsAUsageError() throws IOException {
        Path cfg = write("ok.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n");
        CliTest.Run stray = CliTest.run("-c", "-f", cfg.toString(), "other.cfg");
        assertThat(stray.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(stray.err()).isEqualTo("sluice: unexpected argument 'other.cfg' (configuration files follow -f, or --)\n"
                + "Try 'sluice --help' for more information.\n");
        assertThat(CliTest.run("-c", "-f").err()).startsWith("sluice: option '-f' needs a value\n");
        assertThat(CliTest.run("-c", "-Z", "x").err()).startsWith("sluice: unknown option '-Z'\n");
        assertThat(CliTest.run("-c", "--bogus").err()).startsWith("sluice: Unknown option: '--bogus'\n");
        assertThat(CliTest.run("-c", "--target-version", "9.x", "-f", cfg.toString()).err())
                .startsWith("sluice: Invalid value for option '--target-version': ");
        CliTest.Run noFile = CliTest.run("-c");
        assertThat(noFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).isEqualTo("sluice: -c needs at least one -f FILE\n");
    }

    @Test
    void dashVPrintsTheVersion() {
        CliTest.Run r = CliTest.run("-v");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Sluice ").contains("follows HAProxy 3.4 by default");
    }

    @Test
    void checkPrintsFileLineColumnSeverityMessageAndCode() throws IOException {
        Path cfg = write("bad.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n    mode https\n");
        CliTest.Run r = CliTest.run("check", "--color", "never", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(cfg + ":7:5: error: unknown proxy mode 'https'. [bad-mode]\n"
                + cfg + ": invalid (1 error, 0 warnings)\n");
    }

    @Test
    void checkPrintsJson() throws IOException {
        Path cfg = write("bad.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n    mode https\n");
        CliTest.Run r = CliTest.run("check", "--format", "json", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().replaceAll("\\s+", " ")).contains("\"file\" : \"" + cfg + "\"", "\"line\" : 7",
                "\"column\" : 5", "\"severity\" : \"error\"", "\"code\" : \"bad-mode\"",
                "\"message\" : \"unknown proxy mode 'https'.\"");
    }

    @Test
    void checkEachGivesOneVerdictPerFile() throws IOException {
        Path ok = write("a.cfg", TIMEOUTS + "frontend web\n    bind 127.0.0.1:8080\n    default_backend app\n"
                + "backend app\n    server s1 127.0.0.1:9000\n");
        Path idle = write("b.cfg", TIMEOUTS + "backend app\n    server s1 127.0.0.1:9000\n");
        CliTest.Run r = CliTest.run("check", "--each", "--color", "never", ok.toString(), idle.toString());
        assertThat(r.out()).isEqualTo(ok + ": valid (0 errors, 0 warnings)\n"
                + idle + ": valid but nothing listens (0 errors, 0 warnings)\n");
        assertThat(r.code()).isEqualTo(2);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
