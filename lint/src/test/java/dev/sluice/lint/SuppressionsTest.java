package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppression comments and the lint configuration file, through the linter. */
class SuppressionsTest {

    private static final String TIMEOUTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            """;

    private static List<String> lint(String text) {
        ParseResult parsed = ConfigLoader.parse("t.cfg", text, ParseOptions.defaults());
        return Linter.builtIn(LintConfig.DEFAULT)
                .lint(parsed, Linter.catalog(ParseOptions.defaults().version()), f -> text)
                .findings().stream()
                .filter(f -> f.rule().equals("server-without-check") || f.rule().equals("unknown-rule"))
                .map(f -> f.span().line() + " " + f.rule())
                .toList();
    }

    @Test
    void aTrailingCommentSilencesItsOwnLineOnly() {
        assertThat(lint(TIMEOUTS + """
                backend app
                    server a 10.0.0.1:80  # sluice-lint: disable=server-without-check
                    server b 10.0.0.2:80
                """)).containsExactly("8 server-without-check");
    }

    @Test
    void aCommentOnItsOwnLineSilencesTheNextLine() {
        assertThat(lint(TIMEOUTS + """
                backend app
                    # sluice-lint: disable=server-without-check

                    server a 10.0.0.1:80
                    server b 10.0.0.2:80
                """)).containsExactly("10 server-without-check");
    }

    @Test
    void disableSectionSilencesTheSectionBelowOrAround() {
        assertThat(lint(TIMEOUTS + """
                # sluice-lint: disable-section=server-without-check
                backend legacy
                    server a 10.0.0.1:80
                    server b 10.0.0.2:80

                backend app
                    server c 10.0.0.3:80
                    # sluice-lint: disable-section=all
                    server d 10.0.0.4:80

                backend other
                    server e 10.0.0.5:80
                """)).containsExactly("17 server-without-check");
    }

    @Test
    void aHashInsideQuotesIsNoComment() {
        assertThat(lint(TIMEOUTS + """
                backend app
                    http-request set-header X-Note "# sluice-lint: disable=server-without-check"
                    server a 10.0.0.1:80
                """)).containsExactly("8 server-without-check");
    }

    @Test
    void unknownIdsAreReportedWithASuggestion() {
        String text = TIMEOUTS + "backend app\n    server a 10.0.0.1:80 check # sluice-lint: disable=server-without-chek\n";
        ParseResult parsed = ConfigLoader.parse("t.cfg", text, ParseOptions.defaults());
        List<Finding> found = Linter.builtIn(LintConfig.DEFAULT)
                .lint(parsed, Linter.catalog(ParseOptions.defaults().version()), f -> text).findings().stream()
                .filter(f -> f.rule().equals("unknown-rule")).toList();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.span().line()).isEqualTo(7);
            assertThat(f.message()).isEqualTo("unknown rule 'server-without-chek' in a sluice-lint comment "
                    + "(did you mean 'server-without-check'?)");
        });
    }

    @Test
    void theConfigurationFileIsFoundInAParentDirectory(@TempDir Path dir) throws IOException, LintConfig.Invalid {
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Path config = Files.writeString(dir.resolve(".sluice-lint.yaml"), "rules:\n  server-without-check: off\n");
        assertThat(LintConfig.find(nested)).contains(config.toAbsolutePath().normalize());
        LintConfig read = LintConfig.read(config);
        assertThat(read.severityOf(BuiltInRules.byId("server-without-check").orElseThrow().meta())).isEmpty();
    }
}
