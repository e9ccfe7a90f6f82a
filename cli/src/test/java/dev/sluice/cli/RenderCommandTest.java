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

/** {@code sluice render -o}: written only when all went well, atomically; usage errors. */
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

    @Test
    void helpListsRender() {
        assertThat(run("--help").out()).contains("render");
        assertThat(run("render", "--help").out()).contains("--values", "--set", "--check", "--lenient", "--offline", "-o");
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
