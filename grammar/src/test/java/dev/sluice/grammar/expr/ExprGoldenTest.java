package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files under {@code src/test/resources/expr/KIND/NAME.in}: one input per line (lines
 * starting with {@code ##} and blank lines are skipped), and beside each {@code NAME.expected}
 * with the dump of every input. {@code -Dgolden.update=true} rewrites the expected files, to be
 * reviewed as a diff.
 */
class ExprGoldenTest {

    private static final Path ROOT = root();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> inputs() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".in"))
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesExpectedDump(String input) throws IOException {
        Path in = ROOT.resolve(input);
        String kind = in.getParent().getFileName().toString();
        Function<String, String> parser = parser(kind);
        StringBuilder actual = new StringBuilder();
        for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("##")) {
                continue;
            }
            actual.append(">>> ").append(line).append('\n');
            String dump;
            try {
                dump = parser.apply(line);
            } catch (ExprSyntaxException e) {
                dump = ExprDump.of(e);
            }
            actual.append(dump).append('\n');
        }
        Path expected = in.resolveSibling(in.getFileName().toString().replaceFirst("\\.in$", ".expected"));
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("missing %s; run with -Dgolden.update=true and review it", expected).exists();
        assertThat(actual.toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static Function<String, String> parser(String kind) {
        return switch (kind) {
            case "sample" -> line -> ExprDump.of(SampleExprParser.parse(line, Words.at(1)));
            case "condition" -> line -> ExprDump.of(ConditionParser.parse(Words.of(line)));
            case "acl" -> line -> ExprDump.of(AclParser.parseDefinition(Words.of(line), Words.at(1)));
            case "logformat" -> line -> ExprDump.of(LogFormatParser.parse(line, Words.at(1)));
            default -> throw new IllegalArgumentException("no parser for golden folder " + kind);
        };
    }

    private static Path root() {
        String repo = System.getProperty("sluice.repo.root");
        Path fromRepo = repo == null ? null : Paths.get(repo, "grammar", "src", "test", "resources", "expr");
        return fromRepo != null && Files.isDirectory(fromRepo) ? fromRepo : Paths.get("src", "test", "resources", "expr");
    }
}
