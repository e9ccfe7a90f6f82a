package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice compile} as a user sees it: output, error output and exit code. */
class CompileCommandTest {

    private static final String CONFIG = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s

            frontend web
                bind :80
                acl api path_beg /api
                use_backend api if api
                default_backend app

            backend api
                server a1 10.0.0.1:8080 check inter 3s

            backend app
                server s1 10.0.0.2:80 check
                server s2 10.0.0.3:80
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    /** Runs the command as {@code Main} runs its subcommands, with the same settings. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CompileCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString().replaceAll("\\((\\d+)\\) : ", "(PID) : "));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void printsThePlanAsJson() throws IOException {
        Path cfg = write("ok.cfg", CONFIG);
        Run r = run("-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("{\n  \"schemaVersion\": 1,\n  \"haproxyVersion\": \"3.4\",\n")
                .contains("\"name\": \"web\"", "\"defaultBackend\": \"app\"", "\"interMs\": 3000").endsWith("}\n");
    }

    @Test
    void theTargetVersionIsRecorded() throws IOException {
        Path cfg = write("ok.cfg", CONFIG);
        Run r = run("--target-version", "2.6", "-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("\"haproxyVersion\": \"2.6\"");
    }

    @Test
    void theSameConfigurationLaidOutDifferentlyGivesTheSameBytes() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG.replace("    ", "\t").replace("timeout client 30s", "timeout   client   30000"));
        assertThat(run("-f", b.toString()).out()).isEqualTo(run("-f", a.toString()).out());
    }

    @Test
    void writesTheOutputFileAtomically() throws IOException {
        Path cfg = write("ok.cfg", CONFIG);
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "old");
        Run r = run("-f", cfg.toString(), "-o", plan.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(plan)).isEqualTo(run("-f", cfg.toString()).out());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ok.cfg", "plan.json");
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnIoError() throws IOException {
        Path cfg = write("ok.cfg", CONFIG);
        Run r = run("-f", cfg.toString(), "-o", dir.resolve("missing/plan.json").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("sluice compile: cannot write ");
    }

    @Test
    void textSummarizesEachProxy() throws IOException {
        Path cfg = write("ok.cfg", CONFIG);
        Run r = run("-f", cfg.toString(), "--format", "TEXT");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                plan for HAProxy 3.4: 1 frontend(s), 2 backend(s)

                frontend web (http)
                  listen *:80
                  timeouts client 30000ms
                  use_backend api if api
                  default_backend app

                backend api (http, roundrobin)
                  timeouts connect 5000ms, server 30000ms
                  health check tcp
                  server a1 10.0.0.1:8080 weight 1 check inter 3000ms fastinter 3000ms downinter 3000ms rise 2 fall 3

                backend app (http, roundrobin)
                  timeouts connect 5000ms, server 30000ms
                  health check tcp
                  server s1 10.0.0.2:80 weight 1 check inter 2000ms fastinter 2000ms downinter 2000ms rise 2 fall 3
                  server s2 10.0.0.3:80 weight 1 no check
                """);
    }

    @Test
    void aCompileErrorNamesTheLine() throws IOException {
        Path cfg = write("bad.cfg", "frontend f\n    bind :80\n    http-request deny if missing\n");
        Run r = run("-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sluice compile: " + cfg + ":3: no such ACL : 'missing'\n");
    }

    @Test
    void parseErrorsArePrintedAsHaproxyDoes() throws IOException {
        Path cfg = write("bad.cfg", "global\n    log \"/dev/log local0\n");
        Run r = run("-f", cfg.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("[ALERT]    (PID) : config : parsing [" + cfg + ":2]: unmatched quote");
    }

    @Test
    void aMissingFileIsAnIoError() {
        Run r = run("-f", dir.resolve("nope.cfg").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Could not open configuration file");
    }

    @Test
    void noFileIsAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("sluice compile: no configuration file given (use -f FILE)\n");
    }
}
