package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it: output, error output and exit code. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString().replaceAll("\\((\\d+)\\) : ", "(PID) : "));
    }

    @Test
    void versionNamesSluiceAndTheHaproxyItFollows() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Sluice ").contains("follows HAProxy 3.4 by default");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("parse", "fmt", "demo", "completion", "Exit codes:");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("fmt", "--bogus");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("sluice: Unknown option: '--bogus'", "sluice fmt --help");
    }

    @Test
    void completionPrintsABashScript() {
        Run r = run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F", "sluice", "fmt", "parse");
    }

    @Test
    void parseReportsTokenizerErrorsAsHaproxyDoes() throws IOException {
        Path cfg = write("bad.cfg", "global\n    log \"/dev/log local0\n    maxconn 10\n");
        Run r = run("parse", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("[ALERT]    (PID) : config : parsing [" + cfg
                + ":2]: unmatched quote at position 9:\n  log \"/dev/log local0\n      ^\n");
    }

    @Test
    void parseDumpsTheAst() throws IOException {
        Path cfg = write("ok.cfg", "global\n    description \"a b\"\n");
        Run r = run("parse", "--dump", "--no-spans", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("file " + cfg + "\nsection \"global\"\n  \"description\" \"a b\"<-\"\\\"a b\\\"\"\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void diagMessagesShowOnlyInDiagnosticMode() throws IOException {
        Path cfg = write("d.cfg", "global\n.diag \"look here\"\n.notice \"always\"\n");
        assertThat(run("parse", cfg.toString()).err())
                .isEqualTo("[NOTICE]   (PID) : config : parsing [" + cfg + ":3]: 'always'.\n");
        assertThat(run("parse", "-dD", cfg.toString()).err())
                .contains("[DIAG]     (PID) : config : parsing [" + cfg + ":2]: 'look here'.");
    }

    @Test
    void parseWithoutFilesIsAUsageError() {
        Run r = run("parse");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no configuration file given");
    }

    @Test
    void aBadTargetVersionIsAUsageError() throws IOException {
        Path cfg = write("ok.cfg", "global\n");
        Run r = run("parse", "--target-version", "two", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not an HAProxy version: 'two'");
    }

    @Test
    void fmtPrintsTheCanonicalLayout() throws IOException {
        Path cfg = write("x.cfg", "global\n  maxconn   10\n");
        Run r = run("fmt", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("global\n    maxconn 10\n");
        assertThat(Files.readString(cfg)).as("untouched without -w").isEqualTo("global\n  maxconn   10\n");
    }

    @Test
    void fmtCheckNamesTheFilesToFormat() throws IOException {
        Path messy = write("messy.cfg", "global\n  maxconn   10\n");
        Path tidy = write("tidy.cfg", "global\n    maxconn 10\n");
        Run r = run("fmt", "--check", messy.toString(), tidy.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEqualTo(messy + "\n");
        assertThat(run("fmt", "--check", tidy.toString()).code()).isZero();
    }

    @Test
    void fmtWriteRewritesInPlaceKeepingBytes() throws IOException {
        byte[] latin1 = "global\n  description caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path cfg = dir.resolve("w.cfg");
        Files.write(cfg, latin1);
        Run r = run("fmt", "-w", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readAllBytes(cfg))
                .isEqualTo("global\n    description caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Files.list(dir)).as("no temporary file left").hasSize(1);
    }

    @Test
    void fmtReadsStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("frontend f\nbind :80\n".getBytes(StandardCharsets.ISO_8859_1)));
            Run r = run("fmt");
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEqualTo("frontend f\n    bind :80\n");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void fmtOfAMissingFileSaysSo() {
        Run r = run("fmt", dir.resolve("nope.cfg").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot read", "nope.cfg", "no such file");
    }

    @Test
    void demoProxiesTheQuickstartToItsBuiltInServers() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("demo", "--once", "--port", Integer.toString(port), "--config",
                Path.of("../samples/quickstart.cfg").toString());
        assertThat(r.out()).contains("curl -i http://127.0.0.1:" + port + "/api/users")
                .containsPattern("GET / +-> 200 Hello from web1: GET / \\(client 127.0.0.1\\) \\(X-Served-By: sluice\\)")
                .containsPattern("GET / +-> 200 Hello from web2")
                .containsPattern("GET /api/users -> 200 Hello from api1: GET /api/users")
                .containsPattern("GET /healthz +-> 200 ok");
        assertThat(r.code()).as(r.err()).isZero();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
