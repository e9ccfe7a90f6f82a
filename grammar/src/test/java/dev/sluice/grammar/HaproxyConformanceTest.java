package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures marked {@code #! haproxy} give, line for line, the configuration reader's
 * messages that the real HAProxy 2.6 gives for them ({@code haproxy -c}). Needs {@code haproxy}
 * on the PATH: CI installs it; elsewhere the test is skipped when it is missing.
 */
class HaproxyConformanceTest {

    private static boolean haproxy26;

    @BeforeAll
    static void findHaproxy() throws Exception {
        haproxy26 = Haproxy.version().startsWith("2.6");
        if (!haproxy26 && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have HAProxy 2.6 on the PATH (found: '" + Haproxy.version() + "')");
        }
    }

    static List<Path> fixtures() throws IOException {
        return Fixture.all().stream().filter(p -> {
            try {
                return Fixture.load(p).compareWithHaproxy();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readerMessagesMatchHaproxy(Path path) throws Exception {
        assumeThat(haproxy26).as("haproxy 2.6 on the PATH").isTrue();
        Fixture fixture = Fixture.load(path);
        assertThat(fixture.options().version()).isEqualTo(HaproxyVersion.V2_6);

        String theirs = Fixture.readerMessages(Haproxy.check(path, fixture.options().env()));
        StringBuilder ours = new StringBuilder();
        for (Diagnostic d : fixture.parse().diagnostics()) {
            if (d.severity() == Severity.DIAG) {
                continue; // HAProxy shows .diag only in diagnostic mode (-dD)
            }
            ours.append(HaproxyFormat.format(d, 0));
        }
        assertThat(Fixture.readerMessages(ours.toString())).isEqualTo(theirs);
    }

    /** Runs the real HAProxy. */
    static final class Haproxy {
        private Haproxy() {}

        static String version() {
            try {
                Process p = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                p.waitFor(10, TimeUnit.SECONDS);
                int at = out.indexOf("version ");
                return at < 0 ? "" : out.substring(at + 8).split("[ -]", 2)[0];
            } catch (IOException | InterruptedException e) {
                return "";
            }
        }

        /** {@code haproxy -c -f NAME} run in the file's folder with only {@code env} set; all it prints. */
        static String check(Path file, Map<String, String> env) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("haproxy", "-c", "-f", file.getFileName().toString())
                    .directory(file.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv("PATH"));
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("haproxy -c did not finish in 30 s on " + file);
            }
            return out;
        }
    }
}
