package dev.sluice.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice -c --target-version 2.6} beside the installed {@code haproxy -c} (2.6) on every
 * sample configuration and on a small configuration written for each check: the same exit code,
 * and the same lines named in errors and in warnings. Skipped, saying so, when HAProxy 2.6 is
 * not installed; CI installs it and fails without it.
 */
class LiveConformanceTest {

    private static String haproxyVersion = "";

    @BeforeAll
    static void findHaproxy() {
        haproxyVersion = haproxyVersion();
        if (!haproxyVersion.startsWith("2.6") && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have HAProxy 2.6 on the PATH (found: '" + haproxyVersion + "')");
        }
    }

    static List<Path> configs() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/check"))) {
            s.filter(p -> p.toString().endsWith(".cfg")).sorted().forEach(all::add);
        }
        String repo = System.getProperty("sluice.repo.root");
        Path samples = (repo != null ? Path.of(repo) : Path.of("..")).resolve("samples");
        try (Stream<Path> s = Files.walk(samples)) {
            s.filter(p -> p.toString().endsWith(".cfg")).sorted().forEach(all::add);
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sameVerdictAndLinesAsHaproxy(Path config) throws Exception {
        assumeThat(haproxyVersion).as("HAProxy 2.6 installed (haproxy -v)").startsWith("2.6");
        String theirs = runHaproxy(config);
        int theirCode = Integer.parseInt(theirs.substring(0, theirs.indexOf('\n')));

        ParseOptions parse = ParseOptions.defaults().withVersion(HaproxyVersion.V2_6).withEnv(Map.of());
        CheckOptions options = CheckOptions.of(parse).withWorkDir(config.toAbsolutePath().getParent());
        CheckResult result = new Checker(options, CheckConformanceTest.TestKeywords.forVersion(HaproxyVersion.V2_6))
                .check(List.of(config.toString()));
        StringBuilder ours = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() != Severity.DIAG) {
                ours.append(HaproxyFormat.format(d, 0));
            }
        }
        assertThat(result.verdict().exitCode()).as("exit code; ours:%n%s%nHAProxy's:%n%s", ours, theirs)
                .isEqualTo(theirCode);
        assertThat(Corpus.lines(ours.toString(), "ALERT")).as("lines named in errors; ours:%n%s%nHAProxy's:%n%s",
                ours, theirs).isEqualTo(Corpus.lines(theirs, "ALERT"));
        assertThat(Corpus.lines(ours.toString(), "WARNING")).as("lines named in warnings; ours:%n%s%nHAProxy's:%n%s",
                ours, theirs).isEqualTo(Corpus.lines(theirs, "WARNING"));
    }

    /** The exit code on the first line, then everything HAProxy printed. */
    private static String runHaproxy(Path config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("haproxy", "-c", "-f", config.getFileName().toString())
                .directory(config.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("haproxy -c did not finish in 30 s on " + config);
        }
        return p.exitValue() + "\n" + out;
    }

    private static String haproxyVersion() {
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
}
