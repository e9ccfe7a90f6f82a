package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.fmt.Formatter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration of HAProxy's repository in the corpus is read as HAProxy 2.6 reads it:
 * the configuration reader's messages (tokenizer, conditional blocks, sections) are the ones
 * HAProxy printed, and formatting it keeps its AST.
 */
class CorpusTest {

    static List<Path> configs() throws IOException {
        List<Path> configs = Corpus.configs();
        // a checkout without the corpus beside it skips these, rather than failing on no arguments
        assumeTrue(!configs.isEmpty(), "no HAProxy corpus at ../shared/corpus beside this checkout");
        return configs;
    }

    private static ParseOptions options() {
        return ParseOptions.defaults().withVersion(HaproxyVersion.V2_6).withEnv(Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void readerMessagesMatchHaproxy26(Path config) throws IOException {
        String name = "configs/" + config.getFileName();
        ParseResult result = ConfigLoader.parse(name, ConfigLoader.read(config), options());
        StringBuilder ours = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() != Severity.DIAG) {
                ours.append(HaproxyFormat.format(d, 0));
            }
        }
        assertThat(Fixture.readerMessages(ours.toString()))
                .isEqualTo(Fixture.readerMessages(Corpus.verdict(config)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void formattingKeepsTheAst(Path config) throws IOException {
        String text = ConfigLoader.read(config);
        Formatter formatter = new Formatter(HaproxyVersion.V2_6);
        String formatted = formatter.format(text);
        AstPrinter structure = AstPrinter.withSpans(false);
        assertThat(structure.print(ConfigLoader.parse("x.cfg", formatted, options()).config()))
                .isEqualTo(structure.print(ConfigLoader.parse("x.cfg", text, options()).config()));
        assertThat(formatter.format(formatted)).as("formatting is idempotent").isEqualTo(formatted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void newestVersionReadsEveryFileWithoutReaderErrors(Path config) throws IOException {
        ParseOptions newest = ParseOptions.defaults().withVersion(HaproxyVersion.DEFAULT).withEnv(Map.of());
        ParseResult result = ConfigLoader.parse("configs/" + config.getFileName(), ConfigLoader.read(config), newest);
        StringBuilder ours = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() == Severity.ALERT) {
                ours.append(HaproxyFormat.format(d, 0));
            }
        }
        assertThat(ours.toString()).isEmpty();
    }
}
