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

    /** A configuration to check, and whether its verdict may depend on a newer HAProxy. */
    record Case(Path config, Path workDir, boolean newerVersion, boolean fromCorpus) {
        @Override
        public String toString() {
            return config.getFileName().toString();
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Path p : configs()) {
            cases.add(new Case(p, p.toAbsolutePath().getParent(), false, false));
        }
        if (Corpus.root() != null) {
            Path dir = Corpus.workDir();
            for (Corpus.Entry e : Corpus.entries()) {
                cases.add(new Case(dir.resolve("configs").resolve(e.config().getFileName()), dir,
                        e.verdictClass().equals("c-version"), true));
            }
        }
        return cases;
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
    @MethodSource("cases")
    void sameVerdictAndLinesAsHaproxy(Case c) throws Exception {
        assumeThat(haproxyVersion).as("HAProxy 2.6 installed (haproxy -v)").startsWith("2.6");
        Path config = c.config();
        String theirs = runHaproxy(config, c.workDir());
        int theirCode = Integer.parseInt(theirs.substring(0, theirs.indexOf('\n')));

        SluiceRun run = sluice(config, c.workDir());
        CheckResult result = run.result();
        String ours = run.output();
        if (c.newerVersion()) {
            // HAProxy 2.6 refuses these for keywords of newer versions: Sluice must refuse them too
            assertThat(result.verdict().exitCode()).as("exit code; ours:%n%s%nHAProxy's:%n%s", ours, theirs)
                    .isEqualTo(theirCode);
            return;
        }
        assertThat(result.verdict().exitCode()).as("exit code; ours:%n%s%nHAProxy's:%n%s", ours, theirs)
                .isEqualTo(theirCode);
        assertThat(Corpus.lines(ours, "ALERT")).as("lines named in errors; ours:%n%s%nHAProxy's:%n%s",
                ours, theirs).isEqualTo(Corpus.lines(theirs, "ALERT"));
        assertThat(Corpus.lines(ours, "WARNING")).as("lines named in warnings; ours:%n%s%nHAProxy's:%n%s",
                ours, theirs).isEqualTo(Corpus.lines(theirs, "WARNING"));
    }

    /** What {@code sluice -c --target-version 2.6} found, and printed as HAProxy prints it (pid 0). */
    record SluiceRun(CheckResult result, String output) {}

    /** Checks {@code config} as HAProxy 2.6 would, run in {@code workDir} without environment variables. */
    static SluiceRun sluice(Path config, Path workDir) {
        ParseOptions parse = ParseOptions.defaults().withVersion(HaproxyVersion.V2_6).withEnv(Map.of());
        CheckOptions options = CheckOptions.of(parse).withWorkDir(workDir);
        CheckResult result = new Checker(options, CheckConformanceTest.TestKeywords.forVersion(HaproxyVersion.V2_6))
                .check(List.of(config.toAbsolutePath().toString()));
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() != Severity.DIAG) {
                out.append(HaproxyFormat.format(d, 0));
            }
        }
        return new SluiceRun(result, out.toString());
    }

    /** The exit code on the first line, then everything HAProxy printed. */
    static String runHaproxy(Path config, Path workDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("haproxy", "-c", "-f", workDir.relativize(config.toAbsolutePath()).toString())
                .directory(workDir.toFile())
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

    static String haproxyVersion() {
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
