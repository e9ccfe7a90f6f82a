package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice lint} as a user sees it: output, error output and exit code. */
class LintCommandTest {

    /** One warning (web2 has no check) and one error (the placeholder password). */
    private static final String CONFIG = """
            global
                maxconn 2000
                user haproxy

            defaults
                mode http
                option forwardfor
                option redispatch
                timeout connect 5s
                timeout client 30s
                timeout server 30s
                timeout http-request 10s

            frontend web
                bind 127.0.0.1:8080
                default_backend app

            backend app
                option httpchk GET /health
                server web1 10.0.0.1:80 check
                server web2 10.0.0.2:80

            listen stats
                bind 127.0.0.1:8404
                stats enable
                stats uri /stats
                stats auth admin:your_secure_password
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void textFindingsWithAnErrorExitOne() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG);
        Run r = run("lint", "--no-config", cfg.toString());
        assertThat(r.out()).contains(cfg + ":21:5: warning: server 'app/web2' has no 'check'")
                .contains("[server-without-check]")
                .contains(cfg + ":27:16: error: stats page user 'admin' has a placeholder or common password "
                        + "[stats-weak-password]");
        assertThat(r.err()).contains("sluice lint: 1 error, 1 warning,");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG.replace("your_secure_password", "Kx9mP2vLq8wZ-4rT"));
        assertThat(run("lint", "--no-config", cfg.toString()).code()).isZero();
        assertThat(run("lint", "--no-config", "--fail-on", "warning", cfg.toString()).code()).isEqualTo(1);
        assertThat(run("lint", "--no-config", "--fail-on", "loud", cfg.toString()).code()).isEqualTo(2);
    }

    @Test
    void theConfigurationFileRegradesAndDisablesRules() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG);
        Path lintConfig = write("lint.yaml", """
                fail-on: warning
                rules:
                  stats-weak-password: off
                  server-without-check: info
                """);
        Run r = run("lint", "--config", lintConfig.toString(), cfg.toString());
        assertThat(r.out()).doesNotContain("stats-weak-password")
                .contains("info: server 'app/web2' has no 'check'");
        assertThat(r.code()).isZero();
    }

    @Test
    void unknownRuleIdsInTheConfigurationAreReported() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG);
        Path lintConfig = write("lint.yaml", """
                rules:
                  server-without-checks: off
                """);
        Run r = run("lint", "--config", lintConfig.toString(), cfg.toString());
        assertThat(r.out()).contains(lintConfig + ":2:1: warning: unknown rule 'server-without-checks' in the lint "
                + "configuration (did you mean 'server-without-check'?) [unknown-rule]");
    }

    @Test
    void aBrokenConfigurationFileIsAUsageError() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG);
        Path lintConfig = write("lint.yaml", "rules:\n  server-without-check: loud\n");
        Run r = run("lint", "--config", lintConfig.toString(), cfg.toString());
        assertThat(r.err()).contains(lintConfig + ":2: server-without-check: expected off, on, error, warning or "
                + "info, not 'loud'");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void suppressionCommentsSilenceFindings() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG
                .replace("server web2 10.0.0.2:80", "server web2 10.0.0.2:80  # sluice-lint: disable=server-without-check")
                .replace("    stats auth", "    # sluice-lint: disable=stats-weak-password\n    stats auth"));
        Run r = run("lint", "--no-config", cfg.toString());
        assertThat(r.out()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void aParseErrorIsAFindingAndExitsTwo() throws IOException {
        Path cfg = write("haproxy.cfg", "frontend web\n    bind :80\n    http-request set-header X \"open\n");
        Run r = run("lint", "--no-config", "--format", "json", cfg.toString());
        assertThat(r.out()).contains("\"rule\" : \"parse-error\"").contains("\"line\" : 3");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void aMissingFileExitsTwo() {
        Run r = run("lint", "--no-config", dir.resolve("nope.cfg").toString());
        assertThat(r.err()).contains("nope.cfg");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void eachLintsFilesSeparately() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG);
        Run together = run("lint", "--no-config", a.toString(), b.toString());
        Run each = run("lint", "--no-config", "--each", a.toString(), b.toString());
        assertThat(each.out()).contains(a + ":21:5:").contains(b + ":21:5:");
        assertThat(together.out()).isNotEqualTo(each.out());
    }

    @Test
    void githubAndSarifFormats() throws IOException {
        Path cfg = write("haproxy.cfg", CONFIG);
        assertThat(run("lint", "--no-config", "--format", "github", cfg.toString()).out())
                .contains("::warning file=" + cfg + ",line=21,col=5,title=server-without-check::");
        String sarif = run("lint", "--no-config", "--format", "sarif", cfg.toString()).out();
        assertThat(sarif).contains("\"version\" : \"2.1.0\"").contains("\"ruleId\" : \"stats-weak-password\"");
        // the rules' pages have non-ASCII characters: escaped, the log is the same bytes in any encoding
        assertThat(sarif.chars().allMatch(c -> c < 128)).isTrue();
    }

    @Test
    void fixRewritesRemovedKeywordsKeepingCommentsAndLayout() throws IOException {
        Path cfg = write("old.cfg", """
                defaults
                    mode http
                    contimeout  5s      # connect
                    clitimeout 30s
                    srvtimeout 30s
                """);
        Run r = run("lint", "--no-config", "--fix", "--target-version", "2.6", cfg.toString());
        assertThat(r.err()).contains("fixed " + cfg + ":3: ").contains("[removed-keyword]");
        assertThat(Files.readString(cfg)).isEqualTo("""
                defaults
                    mode http
                    timeout connect  5s      # connect
                    timeout client 30s
                    timeout server 30s
                """);
        assertThat(r.out()).doesNotContain("removed-keyword");
    }

    @Test
    void listRulesAndExplain() {
        Run list = run("lint", "--list-rules");
        assertThat(list.out()).containsPattern("server-without-check +warning +reliability +A server has no health");
        Run explain = run("lint", "--explain", "stats-weak-password");
        assertThat(explain.out()).startsWith("# stats-weak-password\n").contains("## Bad").contains("## Good");
        Run unknown = run("lint", "--explain", "stats-weak-pasword");
        assertThat(unknown.err()).contains("no rule 'stats-weak-pasword' (did you mean 'stats-weak-password'?)");
        assertThat(unknown.code()).isEqualTo(2);
    }
}
