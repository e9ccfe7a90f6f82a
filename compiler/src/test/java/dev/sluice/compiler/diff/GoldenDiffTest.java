package dev.sluice.compiler.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.PlanJson;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each directory under {@code src/test/resources/diff} holds {@code old.cfg} and {@code new.cfg};
 * their diff is exactly {@code expected.txt} as text and {@code expected.json} as JSON. Run with
 * {@code -Dgolden.update=true} to rewrite the expectations, then review them.
 */
class GoldenDiffTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Path root() {
        String repo = System.getProperty("sluice.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        return base.resolve("compiler/src/test/resources/diff");
    }

    static List<Path> cases() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("old.cfg"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plan compile(Path config) throws Exception {
        ParseResult parsed = ConfigLoader.load(List.of(config.toString()),
                ParseOptions.defaults().withEnv(Map.of()).withVersion(HaproxyVersion.DEFAULT));
        assertThat(parsed.hasErrors()).as("parse errors in %s: %s", config, parsed.diagnostics()).isFalse();
        return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
    }

    @Test
    void thereAreCases() {
        assertThat(cases()).extracting(p -> p.getFileName().toString()).contains("servers", "renamed-server",
                "listener-moved", "rule-reordering", "defaults-inheritance", "comments-only", "acls", "userlists",
                "stick-tables", "peers", "resolvers", "global-restart", "proxies", "other-sections", "server-order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffsAsExpected(Path dir) throws Exception {
        PlanDiff diff = PlanDiff.between(compile(dir.resolve("old.cfg")), compile(dir.resolve("new.cfg")));
        check(dir.resolve("expected.txt"), DiffText.render(diff, false));
        check(dir.resolve("expected.json"), DiffJson.write(diff));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansReadFromTheirJsonDiffTheSame(Path dir) throws Exception {
        Plan a = compile(dir.resolve("old.cfg"));
        Plan b = compile(dir.resolve("new.cfg"));
        PlanDiff fromJson = PlanDiff.between(PlanJson.read(PlanJson.write(a)), PlanJson.read(PlanJson.write(b)));
        assertThat(DiffJson.write(fromJson)).isEqualTo(DiffJson.write(PlanDiff.between(a, b)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOtherWayRoundAddsWhatWasRemoved(Path dir) throws Exception {
        Plan a = compile(dir.resolve("old.cfg"));
        Plan b = compile(dir.resolve("new.cfg"));
        PlanDiff forward = PlanDiff.between(a, b);
        PlanDiff back = PlanDiff.between(b, a);
        assertThat(back.count(Change.Kind.ADD)).isEqualTo(forward.count(Change.Kind.REMOVE));
        assertThat(back.count(Change.Kind.REMOVE)).isEqualTo(forward.count(Change.Kind.ADD));
        assertThat(back.count(Change.Kind.CHANGE)).isEqualTo(forward.count(Change.Kind.CHANGE));
        assertThat(PlanDiff.between(a, a).isEmpty()).isTrue();
    }

    private static void check(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("missing %s: run with -Dgolden.update=true", expected).exists();
        assertThat(actual).as("%s", expected).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
