package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice render -o}: written only when all went well, atomically; --lint, --diff-against; usage errors. */
class RenderCommandTest {

    private static final String VALID = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s

            frontend web
                bind *:{{ port }}
                default_backend app

            backend app
                server app1 10.0.0.1:8080 {{ options | default('check') }}
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

    @Test
    void writesTheOutputWhenItRendersAndChecks() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = dir.resolve("haproxy.cfg");
        Run r = run("render", template.toString(), "--set", "port=80", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(out)).contains("    bind *:80\n", "server app1 10.0.0.1:8080 check\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void thePreviousFileStaysWhenRenderingFails() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = write("haproxy.cfg", "previous\n");
        Run r = run("render", template.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo(template + ":8: error: 'port' is undefined\n"
                + "sluice render: " + out + " not written (left as it was)\n");
        assertThat(Files.readString(out)).isEqualTo("previous\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void thePreviousFileStaysWhenTheCheckFails() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = write("haproxy.cfg", "previous\n");
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=chek", "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith(template + ":12: error: 'server app/app1' : unknown keyword 'chek'")
                .contains("\n    rendered line 12: server app1 10.0.0.1:8080 chek\n")
                .endsWith(template + ": the rendered configuration is invalid (1 error, 0 warnings)\n"
                        + "sluice render: " + out + " not written (left as it was)\n");
        assertThat(Files.readString(out)).isEqualTo("previous\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void noCheckWritesWhatRendered() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = write("haproxy.cfg", "previous\n");
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=chek", "--no-check", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(out)).contains("server app1 10.0.0.1:8080 chek\n");
    }

    @Test
    void standardOutputIsNotCheckedUnlessAsked() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=chek");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("chek");
        Run checked = run("render", template.toString(), "--set", "port=80", "--set", "options=chek", "--check");
        assertThat(checked.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(checked.out()).isEmpty();
    }

    @Test
    void theOutputIsUtf8AsTheTemplate() throws IOException {
        Path template = write("t.j2", "global\n    description {{ d }} é\n");
        Path out = dir.resolve("out.cfg");
        assertThat(run("render", template.toString(), "--set", "d=ü", "--no-check", "-o", out.toString()).code()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo("global\n    description ü é\n".getBytes(StandardCharsets.UTF_8));
        Run r = run("render", template.toString(), "--set", "d=ü");
        // the command line's writers print one byte per character, as HAProxy's files are read
        assertThat(r.out().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void unreadableInputsAreUsageErrors() throws IOException {
        Path template = write("t.j2", "global\n");
        Run noTemplate = run("render", dir.resolve("none.j2").toString());
        assertThat(noTemplate.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTemplate.err()).isEqualTo("sluice render: " + dir.resolve("none.j2") + ": no such template\n");
        Run noValues = run("render", template.toString(), "-v", dir.resolve("none.yaml").toString());
        assertThat(noValues.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noValues.err()).isEqualTo("sluice render: " + dir.resolve("none.yaml") + ": no such values file\n");
        Run badSet = run("render", template.toString(), "--set", "novalue");
        assertThat(badSet.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSet.err()).isEqualTo("sluice render: --set novalue: expected KEY=VALUE\n");
        Run noArgs = run("render");
        assertThat(noArgs.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noArgs.err()).contains("Missing required parameter: 'TEMPLATE'");
    }

    /** Clean for the linter but for what a test asks: web2's options and the stats password are values. */
    private static final String LINTED = """
            global
                maxconn 2000
                user haproxy
                group haproxy

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
                server web2 10.0.0.2:80 {{ web2 | default('check') }}

            listen stats
                bind 127.0.0.1:8404
                stats enable
                stats uri /stats
                stats auth admin:{{ password | default('cA9-rT4x-Lp2w-Qz7m') }}
            """;

    @Test
    void aLintFailureNamesTheTemplateLineAndLeavesTheOutput() throws IOException {
        // the comment renders as nothing: template line 29 writes rendered line 28
        Path template = write("haproxy.cfg.j2", "{# the services of team A #}\n" + LINTED);
        Path out = write("haproxy.cfg", "previous\n");
        Run r = run("render", template.toString(), "--set", "password=admin", "--lint", "--no-lint-config",
                "--offline", "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(template + ":29: error: stats page user 'admin' has a placeholder or common"
                + " password [stats-weak-password]\n"
                + "    rendered line 28: stats auth admin:admin\n"
                + template + ": the rendered configuration fails lint (1 error, 0 warnings, 0 infos; --fail-on error)\n"
                + "sluice render: " + out + " not written (left as it was)\n");
        assertThat(Files.readString(out)).isEqualTo("previous\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aLintFindingBelowFailOnIsShownAndTheOutputWritten() throws IOException {
        Path template = write("haproxy.cfg.j2", LINTED);
        Path out = dir.resolve("haproxy.cfg");
        Run r = run("render", template.toString(), "--set", "web2=weight 10", "--lint", "--no-lint-config",
                "--offline", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(template + ":22: warning: server 'app/web2' has no 'check': it keeps receiving"
                + " traffic when it is down [server-without-check]\n"
                + "    rendered line 22: server web2 10.0.0.2:80 weight 10\n"
                + template + ": lint: 0 errors, 1 warning, 0 infos\n");
        assertThat(Files.readString(out)).contains("server web2 10.0.0.2:80 weight 10\n");
    }

    @Test
    void aCleanLintSaysNothing() throws IOException {
        Path template = write("haproxy.cfg.j2", LINTED);
        Path out = dir.resolve("haproxy.cfg");
        Run r = run("render", template.toString(), "--lint", "--no-lint-config", "--offline", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(out)).contains("stats auth admin:cA9-rT4x-Lp2w-Qz7m\n");
    }

    @Test
    void failOnAndTheLintConfigurationAreSluiceLints() throws IOException {
        Path template = write("haproxy.cfg.j2", LINTED);
        Run warning = run("render", template.toString(), "--set", "web2=weight 10", "--lint", "--no-lint-config",
                "--fail-on", "warning");
        assertThat(warning.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(warning.out()).isEmpty();
        assertThat(warning.err()).endsWith(template + ": the rendered configuration fails lint"
                + " (0 errors, 1 warning, 0 infos; --fail-on warning)\n");

        Path config = write("lint.yaml", "fail-on: warning\nrules:\n  server-without-check: error\n  no-such-rule: off\n");
        Run configured = run("render", template.toString(), "--set", "web2=weight 10", "--lint", "--lint-config",
                config.toString());
        assertThat(configured.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(configured.err()).contains(template + ":22: error: server 'app/web2' has no 'check'",
                config + ":4: warning: unknown rule 'no-such-rule' in the lint configuration");

        Path off = write("off.yaml", "rules:\n  server-without-check: off\n");
        Run silenced = run("render", template.toString(), "--set", "web2=weight 10", "--lint", "--lint-config",
                off.toString(), "--fail-on", "warning");
        assertThat(silenced.code()).isZero();
        assertThat(silenced.err()).isEmpty();
        assertThat(silenced.out()).contains("server web2 10.0.0.2:80 weight 10\n");

        Path broken = write("broken.yaml", "fail-on: never\n");
        Run usage = run("render", template.toString(), "--lint", "--lint-config", broken.toString());
        assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).isEqualTo("sluice render: " + broken + ":1: fail-on: expected error, warning or info,"
                + " not 'never'\n");
    }

    @Test
    void theLintConfigurationsTargetVersionYieldsToTheCommandLines() throws IOException {
        Path template = write("haproxy.cfg.j2", LINTED);
        Path config = write("lint.yaml", "target-version: nonsense\n");
        Run fromFile = run("render", template.toString(), "--lint", "--lint-config", config.toString());
        assertThat(fromFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromFile.err()).startsWith("sluice render: " + config + ": target-version: ");
        Run given = run("render", template.toString(), "--lint", "--lint-config", config.toString(),
                "--target-version", "3.4");
        assertThat(given.code()).isZero();
        assertThat(given.err()).isEmpty();
    }

    @Test
    void aSuppressionCommentTheTemplateWritesCounts() throws IOException {
        Path template = write("haproxy.cfg.j2",
                LINTED.replace("{{ web2 | default('check') }}", "weight 10  # sluice-lint: disable=server-without-check"));
        Run r = run("render", template.toString(), "--lint", "--no-lint-config", "--fail-on", "warning");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void lintAndDiffOptionsNeedTheirStep() throws IOException {
        Path template = write("t.j2", "global\n");
        Run failOn = run("render", template.toString(), "--fail-on", "warning");
        assertThat(failOn.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(failOn.err()).isEqualTo("sluice render: --lint-config, --no-lint-config and --fail-on go with --lint\n");
        Run format = run("render", template.toString(), "--diff-format", "json");
        assertThat(format.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).isEqualTo("sluice render: --diff-format goes with --diff-against\n");
    }

    @Test
    void diffAgainstPrintsWhatTheOutputChanges() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path current = write("current.cfg", VALID.replace("{{ port }}", "80").replace("{{ options | default('check') }}",
                "check weight 10"));
        Path out = dir.resolve("haproxy.cfg");
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=check weight 20",
                "--diff-against", current.toString(), "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                backend app
                  ~ server app1 weight: 10 -> 20 (runtime)

                0 to add, 1 to change, 0 to remove; all through the runtime socket
                """);
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(out)).contains("server app1 10.0.0.1:8080 check weight 20\n");

        Run json = run("render", template.toString(), "--set", "port=80", "--set", "options=check weight 20",
                "--diff-against", current.toString(), "--diff-format", "json", "-o", out.toString());
        assertThat(json.code()).isZero();
        JsonNode change = new ObjectMapper().readTree(json.out()).path("changes").path(0);
        assertThat(change.path("path").toString()).isEqualTo("[\"backend app\",\"server app1\",\"weight\"]");
        assertThat(change.path("old").asInt()).isEqualTo(10);
        assertThat(change.path("new").asInt()).isEqualTo(20);
        assertThat(change.path("apply").asText()).isEqualTo("runtime");

        Run same = run("render", template.toString(), "--set", "port=80", "--set", "options=check weight 10",
                "--diff-against", current.toString(), "-o", out.toString());
        assertThat(same.code()).isZero();
        assertThat(same.out()).isEqualTo("No changes.\n");
    }

    @Test
    void withoutOutputTheDiffGoesToStandardError() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path current = write("current.cfg", VALID.replace("{{ port }}", "80").replace("{{ options | default('check') }}",
                "check"));
        Run r = run("render", template.toString(), "--set", "port=8080", "--diff-against", current.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("    bind *:8080\n").doesNotContain("(reload)");
        assertThat(r.err()).isEqualTo("""
                frontend web
                  - listener *:80 (reload)
                  + listener *:8080 (reload)

                1 to add, 0 to change, 1 to remove; all hot-reloadable
                """);
    }

    @Test
    void diffAgainstTheOutputFileReadsItBeforeReplacingIt() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = dir.resolve("haproxy.cfg");
        assertThat(run("render", template.toString(), "--set", "port=80", "-o", out.toString()).code()).isZero();
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=check weight 5",
                "--diff-against", out.toString(), "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("backend app\n  ~ server app1 weight: 1 -> 5 (runtime)\n");
        assertThat(Files.readString(out)).contains("check weight 5\n");
    }

    @Test
    void diffAgainstAPlanFromCompile() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path current = write("current.cfg", VALID.replace("{{ port }}", "80").replace("{{ options | default('check') }}",
                "check weight 10"));
        Path plan = dir.resolve("plan.json");
        assertThat(run("compile", "-f", current.toString(), "-o", plan.toString()).code()).isZero();
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "options=check weight 20",
                "--diff-against", plan.toString(), "-o", dir.resolve("haproxy.cfg").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("  ~ server app1 weight: 10 -> 20 (runtime)\n");
    }

    @Test
    void anUnreadableCurrentConfigurationIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID);
        Path out = write("haproxy.cfg", "previous\n");
        Run missing = run("render", template.toString(), "--set", "port=80", "--diff-against",
                dir.resolve("none.cfg").toString(), "-o", out.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("Could not open configuration file " + dir.resolve("none.cfg"))
                .endsWith("sluice render: " + out + " not written (left as it was)\n");
        assertThat(Files.readString(out)).isEqualTo("previous\n");

        Path plan = write("plan.json", "{\"schemaVersion\": 999}");
        Run badPlan = run("render", template.toString(), "--set", "port=80", "--diff-against", plan.toString());
        assertThat(badPlan.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPlan.out()).isEmpty();
        assertThat(badPlan.err()).startsWith("sluice render: " + plan + ": ");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRenderedConfigurationThatDoesNotCompileCannotBeCompared() throws IOException {
        Path template = write("haproxy.cfg.j2", VALID.replace("default_backend app", "default_backend {{ backend }}"));
        Path current = write("current.cfg", "previous\n");
        Path out = write("haproxy.cfg", "previous\n");
        Run r = run("render", template.toString(), "--set", "port=80", "--set", "backend=nowhere", "--no-check",
                "--diff-against", current.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(template + ":9: error: proxy 'web': unable to find required default_backend:"
                + " 'nowhere'\n"
                + "    rendered line 9: default_backend nowhere\n"
                + template + ": the rendered configuration does not compile, so it cannot be compared\n"
                + "sluice render: " + out + " not written (left as it was)\n");
        assertThat(Files.readString(out)).isEqualTo("previous\n");
    }

    @Test
    void helpListsRender() {
        assertThat(run("--help").out()).contains("render");
        assertThat(run("render", "--help").out()).contains("--values", "--set", "--check", "--lenient", "--offline", "-o",
                "--lint", "--lint-config", "--fail-on", "--diff-against", "--diff-format");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private java.util.List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
