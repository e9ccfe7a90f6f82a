package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code samples/templates/NAME/haproxy.cfg.j2} with its {@code values.yaml} renders exactly
 * {@code samples/seed/NAME.cfg}, and passes the check as the seed file does (offline, as the seed's
 * certificate is not on this machine); 08 fails it as the seed does, on {@code nbproc}, at its
 * template line, and passes once {@code values-threads.yaml} leaves nbproc out.
 */
class SampleTemplatesTest {

    static Path samples() {
        String repo = System.getProperty("sluice.repo.root");
        return (repo != null ? Path.of(repo) : Path.of("..")).resolve("samples").toAbsolutePath().normalize();
    }

    static Stream<String> templates() throws IOException {
        try (Stream<Path> s = Files.list(samples().resolve("templates"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everySeedConfigurationHasATemplate() throws IOException {
        try (Stream<Path> s = Files.list(samples().resolve("seed"))) {
            List<String> seeds = s.map(p -> p.getFileName().toString().replaceAll("\\.cfg$", "")).sorted().toList();
            assertThat(templates().toList()).containsExactlyElementsOf(seeds);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void rendersTheSeedConfigurationAndChecksAsItDoes(String name) throws IOException {
        Path dir = samples().resolve("templates").resolve(name);
        String template = dir.resolve("haproxy.cfg.j2").toString();
        String values = dir.resolve("values.yaml").toString();
        String seed = Files.readString(samples().resolve("seed").resolve(name + ".cfg"), StandardCharsets.UTF_8);

        Run rendered = run("render", template, "-v", values);
        assertThat(rendered.err()).isEmpty();
        assertThat(rendered.code()).isZero();
        assertThat(rendered.out()).isEqualTo(seed);

        Run checked = run("render", template, "-v", values, "--check", "--offline");
        if (name.equals("08-tuning-global")) {
            assertThat(checked.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(checked.out()).isEmpty();
            assertThat(checked.err()).isEqualTo(template + ":11: error: nbproc is not supported any more since HAProxy 2.5."
                    + " Threads will automatically be used on multi-processor machines if available. [removed-keyword]\n"
                    + "    rendered line 8: nbproc 1\n"
                    + template + ": the rendered configuration is invalid (1 error, 0 warnings)\n");
            Run threads = run("render", template, "-v", values, "-v", dir.resolve("values-threads.yaml").toString(), "--check");
            assertThat(threads.err()).isEmpty();
            assertThat(threads.code()).isZero();
            assertThat(threads.out()).isEqualTo(seed.replace("    nbproc 1\n", ""));
        } else {
            assertThat(checked.err()).doesNotContain(": error: ");
            assertThat(checked.code()).isZero();
            assertThat(checked.out()).isEqualTo(seed);
        }
    }

    @Test
    void checkWarningsPointAtTheTemplateLinesBehindTheSeedsLines() throws IOException {
        Path dir = samples().resolve("templates").resolve("07-tls-frontend");
        String template = dir.resolve("haproxy.cfg.j2").toString();
        Run checked = run("render", template, "-v", dir.resolve("values.yaml").toString(), "--check");
        // the seed's line 14 (certificate), 27, 28 and 32 (rules after a redirect), as haproxy -c says
        assertThat(checked.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(checked.err().lines().filter(l -> l.startsWith("    rendered line ")).map(l -> l.replaceAll(":.*", "")))
                .containsExactly("    rendered line 14", "    rendered line 27", "    rendered line 28", "    rendered line 32");
        assertThat(checked.err().lines().filter(l -> l.matches(".*:[0-9]+: (error|warning): .*")).map(l -> l.replaceAll(": (error|warning).*", "")))
                .containsExactly(template + ":15", template + ":25", template + ":26", template + ":30");
    }
}
