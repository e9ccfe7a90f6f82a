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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sluice diff} as a user sees it: output, error output and exit code, for every kind of side. */
class DiffCommandTest {

    private static final String GLOBAL = """
            global
                maxconn 4096

            """;

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s

            """;

    private static final String PROXIES = """
            frontend web
                bind :80
                default_backend app

            backend app
                server s1 10.0.0.1:80 weight 10 check
                server s2 10.0.0.2:80 check
            """;

    private static final String CONFIG = GLOBAL + DEFAULTS + PROXIES;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString().replaceAll("\\((\\d+)\\) : ", "(PID) : "));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    private static String s(Path p) {
        return p.toString();
    }

    @Test
    void noChangeExitsZero() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", "# reformatted\n" + CONFIG.replace("    ", "\t").replace("30s", "30000"));
        Run r = run("diff", s(a), s(b));
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("No changes.\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void changesExitOneAndReadLikeAPlan() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG.replace("weight 10", "weight 20").replace("server s2 10.0.0.2:80 check",
                "server s3 10.0.0.3:80 check"));
        Run r = run("diff", s(a), s(b));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                backend app
                  - server s2: 10.0.0.2:80 (reload)
                  ~ server s1 weight: 10 -> 20 (runtime)
                  + server s3: 10.0.0.3:80 (reload)

                1 to add, 1 to change, 1 to remove; all hot-reloadable
                """);
    }

    @Test
    void jsonCarriesTheSameChanges() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG.replace("weight 10", "weight 20"));
        Run r = run("diff", "--format", "json", s(a), s(b));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/changes/0/kind").asText()).isEqualTo("change");
        assertThat(json.at("/changes/0/path").toString()).isEqualTo("[\"backend app\",\"server s1\",\"weight\"]");
        assertThat(json.at("/changes/0/old").asInt()).isEqualTo(10);
        assertThat(json.at("/changes/0/new").asInt()).isEqualTo(20);
        assertThat(json.at("/changes/0/apply").asText()).isEqualTo("runtime");
        assertThat(json.at("/summary/change").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/apply").asText()).isEqualTo("runtime");
        assertThat(json.at("/summary/text").asText()).isEqualTo("0 to add, 1 to change, 0 to remove; all through the"
                + " runtime socket");
    }

    @Test
    void jsonWithoutChangesExitsZero() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Run r = run("diff", "--format", "json", s(a), s(a));
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(new ObjectMapper().readTree(r.out()).at("/changes").size()).isZero();
    }

    @Test
    void aDirectoryIsItsCfgFilesInOrder() throws IOException {
        Path whole = write("whole.cfg", CONFIG);
        write("conf.d/10-global.cfg", GLOBAL);
        write("conf.d/20-defaults.cfg", DEFAULTS);
        write("conf.d/30-proxies.cfg", PROXIES);
        write("conf.d/notes.txt", "not a configuration");
        assertThat(run("diff", s(whole), s(dir.resolve("conf.d"))).code()).isEqualTo(ExitCodes.OK);
        write("conf.d/40-more.cfg", "backend extra\n    server x1 10.0.0.9:80\n");
        Run r = run("diff", s(whole), s(dir.resolve("conf.d")));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(r.out()).startsWith("+ backend extra: 1 server (reload)\n");
    }

    @Test
    void severalFilesPerSideWithOldAndNew() throws IOException {
        Path whole = write("whole.cfg", CONFIG);
        Path g = write("g.cfg", GLOBAL);
        Path d = write("d.cfg", DEFAULTS);
        Path p = write("p.cfg", PROXIES);
        Path p2 = write("p2.cfg", PROXIES.replace(":80\n", ":8080\n"));
        assertThat(run("diff", "--old", s(g), "--old", s(d), "--old", s(p), "--new", s(whole)).code())
                .isEqualTo(ExitCodes.OK);
        assertThat(run("diff", "--old", s(g), "--old", s(d), "--old", s(p), s(whole)).code()).isEqualTo(ExitCodes.OK);
        Run r = run("diff", s(whole), "--new", s(g), "--new", s(d), "--new", s(p2));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(r.out()).isEqualTo("""
                frontend web
                  - listener *:80 (reload)
                  + listener *:8080 (reload)

                1 to add, 0 to change, 1 to remove; all hot-reloadable
                """);
    }

    @Test
    void aPlanJsonIsASide() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path plan = dir.resolve("plan.json");
        assertThat(run("compile", "-f", s(a), "-o", s(plan)).code()).isEqualTo(ExitCodes.OK);
        assertThat(run("diff", s(plan), s(a)).code()).isEqualTo(ExitCodes.OK);
        Path b = write("b.cfg", CONFIG.replace("maxconn 4096", "maxconn 8192"));
        Run r = run("diff", s(plan), s(b));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(r.out()).startsWith("global\n  ~ maxconn: 4096 -> 8192 (reload)\n");
        assertThat(run("diff", s(b), s(plan)).out()).startsWith("global\n  ~ maxconn: 8192 -> 4096 (reload)\n");
    }

    @Test
    void aRestartIsSaidInTheSummary() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG.replace("maxconn 4096", "maxconn 4096\n    nbthread 4\n    user www"));
        Run r = run("diff", s(a), s(b));
        assertThat(r.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(r.out()).endsWith("\n0 to add, 2 to change, 0 to remove; 2 need a restart\n");
    }

    @Test
    void colourOnlyWhenAsked() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path b = write("b.cfg", CONFIG.replace("weight 10", "weight 20"));
        assertThat(run("diff", "--color", "always", s(a), s(b)).out())
                .contains("\u001b[1mbackend app\u001b[0m", "\u001b[33m~ server s1 weight\u001b[0m");
        assertThat(run("diff", "--color", "never", s(a), s(b)).out()).doesNotContain("\u001b[");
        // tests run without a console: auto means none
        assertThat(run("diff", s(a), s(b)).out()).doesNotContain("\u001b[");
    }

    @Test
    void aMissingFileExitsTwo() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Run r = run("diff", s(a), s(dir.resolve("nope.cfg")));
        assertThat(r.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Could not open configuration file " + dir.resolve("nope.cfg"));
    }

    @Test
    void parseErrorsArePrintedAsHaproxyDoesAndExitTwo() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path bad = write("bad.cfg", "global\n    log \"/dev/log local0\n");
        Run r = run("diff", s(a), s(bad));
        assertThat(r.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("[ALERT]    (PID) : config : parsing [" + bad + ":2]: unmatched quote");
    }

    @Test
    void compileErrorsNameTheLineAndExitTwo() throws IOException {
        Path bad = write("bad.cfg", "frontend f\n    bind :80\n    http-request deny if missing\n");
        Path a = write("a.cfg", CONFIG);
        Run r = run("diff", s(bad), s(a));
        assertThat(r.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sluice diff: " + bad + ":3: no such ACL : 'missing'\n");
    }

    @Test
    void aFileThatIsNotAPlanExitsTwo() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path json = write("other.json", "{\"schemaVersion\": 99}");
        Run r = run("diff", s(json), s(a));
        assertThat(r.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(r.err()).isEqualTo("sluice diff: " + json + ": unsupported plan schema version 99 (expected 1)\n");
        Run missing = run("diff", s(dir.resolve("none.json")), s(a));
        assertThat(missing.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(missing.err()).isEqualTo("sluice diff: cannot read " + dir.resolve("none.json") + ": no such file\n");
    }

    @Test
    void sidesMustBeTwo() throws IOException {
        Path a = write("a.cfg", CONFIG);
        Path json = write("plan.json", "{}");
        assertThat(run("diff", s(a)).code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(run("diff", s(a)).err()).startsWith("sluice diff: give two sides: OLD NEW");
        assertThat(run("diff", "--old", s(a), "--new", s(a), s(a)).code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(run("diff", s(a), s(a), s(a)).code()).isEqualTo(ExitCodes.TROUBLE);
        Run mixed = run("diff", "--old", s(a), "--old", s(json), s(a));
        assertThat(mixed.code()).isEqualTo(ExitCodes.TROUBLE);
        assertThat(mixed.err()).startsWith("sluice diff: a plan.json is a side of its own");
    }

    static Stream<Path> samples() throws IOException {
        String root = System.getProperty("sluice.repo.root");
        Path seed = (root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize()).resolve("samples/seed");
        try (Stream<Path> files = Files.list(seed)) {
            List<Path> cfgs = files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
            assertThat(cfgs).isNotEmpty();
            return cfgs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aSampleAndItsFmtOutputDoNotDiffer(Path sample) throws IOException {
        Run fmt = run("fmt", s(sample));
        assertThat(fmt.code()).isEqualTo(ExitCodes.OK);
        Path formatted = write("formatted.cfg", fmt.out());
        Run r = run("diff", s(sample), s(formatted));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("No changes.\n");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
    }
}
