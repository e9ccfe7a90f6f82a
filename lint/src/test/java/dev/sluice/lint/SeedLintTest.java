package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.lint.report.TextReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration of the seed article ({@code samples/seed/}) lints with every rule, and the
 * findings are the reviewed ones in {@code src/test/resources/seed/NAME.txt}
 * ({@code -Dgolden.update=true} rewrites them for review).
 */
class SeedLintTest {

    static final Path SEED = Path.of("../samples/seed");

    static Stream<Path> seeds() throws IOException {
        try (Stream<Path> files = Files.list(SEED)) {
            return files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList().stream();
        }
    }

    static List<Finding> lint(Path file) {
        ParseResult parsed = ConfigLoader.load(List.of(file.toString()),
                ParseOptions.defaults().withVersion(HaproxyVersion.V2_6));
        return Linter.builtIn(LintConfig.DEFAULT)
                .lint(parsed, Linter.catalog(HaproxyVersion.V2_6), f -> RuleFixturesTest.read(Path.of(f)))
                .findings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void findingsAreTheReviewedOnes(Path file) throws IOException {
        String name = file.getFileName().toString().replaceAll("\\.cfg$", ".txt");
        ReportGoldenTest.golden("../seed/" + name, TextReport.render(lint(file), false).replace("../samples/", "samples/"));
    }

    @Test
    void theStatsPagePlaceholderPasswordIsFlagged() {
        assertThat(lint(SEED.resolve("04-stats-page.cfg")))
                .anySatisfy(f -> assertThat(f.rule()).isEqualTo("stats-weak-password"));
    }
}
