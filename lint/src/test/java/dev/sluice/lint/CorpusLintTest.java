package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lints every configuration of the corpus ({@code ../shared/corpus/configs/}, HAProxy's own
 * examples and regression-test configurations) with every rule: none may crash the linter, and
 * the README's table of the ten most frequent findings is the one this run computes
 * ({@code -Dgolden.update=true} rewrites it).
 */
class CorpusLintTest {

    static final Path CORPUS = Path.of("../../shared/corpus/configs");
    static final Path README = Path.of("../README.md");
    static final String BEGIN = "<!-- lint-corpus:begin -->\n";
    static final String END = "<!-- lint-corpus:end -->";

    @Test
    void theCorpusLintsWithoutACrashAndTheReadmeShowsItsTopTen() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "the corpus is not beside the repository");
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        }
        Map<String, int[]> counts = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        for (Path file : files) {
            try {
                ParseResult parsed = ConfigLoader.load(List.of(file.toString()),
                        ParseOptions.defaults().withVersion(HaproxyVersion.V2_6));
                List<Finding> findings = Linter.builtIn(LintConfig.DEFAULT)
                        .lint(parsed, Linter.catalog(HaproxyVersion.V2_6), f -> RuleFixturesTest.read(Path.of(f)))
                        .findings();
                findings.stream().map(Finding::rule).distinct()
                        .forEach(r -> counts.computeIfAbsent(r, k -> new int[2])[1]++);
                findings.forEach(f -> counts.computeIfAbsent(f.rule(), k -> new int[2])[0]++);
            } catch (RuntimeException e) {
                crashes.add(file.getFileName() + ": " + e);
            }
        }
        assertThat(crashes).as("configurations the linter crashed on").isEmpty();
        assertThat(files).hasSizeGreaterThan(300);

        StringBuilder table = new StringBuilder();
        table.append("| rule | findings | configurations |\n|---|---:|---:|\n");
        counts.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(10)
                .forEach(e -> table.append("| [`").append(e.getKey()).append("`](docs/rules/").append(e.getKey())
                        .append(".md) | ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1])
                        .append(" |\n"));
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the markers of the corpus table").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String current = readme.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(README, readme.substring(0, begin + BEGIN.length()) + table + readme.substring(end),
                    StandardCharsets.UTF_8);
        } else {
            assertThat(current).as("the corpus table in README.md (-Dgolden.update=true rewrites it)")
                    .isEqualTo(table.toString());
        }
    }
}
