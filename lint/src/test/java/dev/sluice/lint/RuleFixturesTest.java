package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule's fixtures, {@code src/test/resources/rules/RULE-ID/*.cfg}: the findings of the rule
 * on each file must be exactly the {@code # expect: RULE-ID} comments beside the lines they
 * concern (several ids separated by commas). A first-line comment {@code # target-version: 2.6}
 * lints for that version. A {@code NAME.fixed} file beside {@code NAME.cfg} is what {@code --fix}
 * must make of it.
 */
class RuleFixturesTest {

    static final Path ROOT = Path.of("src/test/resources/rules");
    private static final Pattern EXPECT = Pattern.compile("#.*\\bexpect:\\s*([a-z0-9, -]+)");
    private static final Pattern TARGET = Pattern.compile("^#\\s*target-version:\\s*(\\S+)");

    static Stream<Arguments> fixtures() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Rule rule : BuiltInRules.ALL) {
            Path dir = ROOT.resolve(rule.meta().id());
            if (!Files.isDirectory(dir)) {
                continue; // RuleRegistryTest reports the missing fixtures
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".cfg")).sorted()
                        .forEach(p -> all.add(Arguments.of(rule.meta().id() + "/" + p.getFileName(), rule, p)));
            }
        }
        return all.stream();
    }

    /** The findings of {@code rule} alone on {@code file}, as {@code LINE rule-id} strings. */
    static Linter.Result lint(Rule rule, Path file) {
        String text = read(file);
        HaproxyVersion target = HaproxyVersion.DEFAULT;
        Matcher t = TARGET.matcher(text);
        if (t.find()) {
            target = HaproxyVersion.parse(t.group(1));
        }
        ParseResult parsed = ConfigLoader.load(List.of(file.toString()), ParseOptions.defaults().withVersion(target));
        return new Linter(List.of(rule), LintConfig.DEFAULT).lint(parsed, Linter.catalog(target), f -> read(Path.of(f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void findingsAreExactlyTheExpectedOnes(String name, Rule rule, Path file) {
        List<String> expected = expectations(read(file));
        List<String> actual = lint(rule, file).findings().stream()
                .map(f -> f.span().line() + " " + f.rule())
                .sorted()
                .toList();
        List<String> detail = lint(rule, file).findings().stream()
                .map(f -> f.span().line() + ":" + f.span().column() + " " + f.rule() + ": " + f.message())
                .toList();
        assertThat(actual).as("findings on %s (expected on the left, actual:%n%s)", file, String.join("\n", detail))
                .containsExactlyElementsOf(expected.stream().sorted().toList());
        Path fixed = Path.of(file.toString().replaceAll("\\.cfg$", ".fixed"));
        if (Files.exists(fixed)) {
            List<Fixer.FileFix> fixes = Fixer.apply(lint(rule, file).findings(), f -> read(Path.of(f)));
            assertThat(fixes).as("fixes of %s", file).hasSize(1);
            assertThat(fixes.get(0).text()).isEqualTo(read(fixed));
        }
    }

    /** {@code LINE rule-id} for each id of each {@code # expect:} comment. */
    static List<String> expectations(String text) {
        List<String> expected = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) {
                for (String id : m.group(1).split(",")) {
                    if (!id.isBlank()) {
                        expected.add((i + 1) + " " + id.strip());
                    }
                }
            }
        }
        return expected;
    }

    static String read(Path file) {
        try {
            return ConfigLoader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
