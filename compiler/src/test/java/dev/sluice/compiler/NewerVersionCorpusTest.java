package dev.sluice.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus's {@code c-version} files (HAProxy 2.6 refuses them for their newer keywords; the
 * corpus comes from HAProxy 3.5-dev): with {@code sluice -c --target-version 3.2}, each one passes
 * or is refused for names that HAProxy 3.2 does not have (keywords, options, actions, fetches,
 * converters, MUX protocols) or for arguments of fetches and converters that it reads otherwise
 * (a converter's newer argument), and for nothing else. Checks that depend on this machine are
 * offline: some examples name certificates the corpus does not ship.
 */
class NewerVersionCorpusTest {

    /** HAProxy's messages for a MUX protocol it lacks and for the arguments of a fetch or converter. */
    private static final Pattern NEWER_SYNTAX = Pattern.compile("unknown MUX protocol '"
            + "|invalid arg \\d+ in converter '"
            + "|(fetch method|ACL keyword) '[^']+' : (missing arguments|expected type|failed to parse|expected '\\)')");

    static List<Corpus.Entry> entries() throws IOException {
        return Corpus.entries().stream().filter(e -> e.verdictClass().equals("c-version")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void passesAt32OrUsesOnlyNewerKeywords(Corpus.Entry e) throws IOException {
        ParseOptions parse = ParseOptions.defaults().withVersion(HaproxyVersion.V3_2).withEnv(Map.of());
        Path dir = Corpus.workDir();
        CheckResult result = new Checker(CheckOptions.of(parse).withWorkDir(dir).withOffline(true),
                CatalogOracle.forVersion(HaproxyVersion.V3_2))
                .check(List.of(dir.resolve("configs").resolve(e.config().getFileName()).toString()));
        List<Diagnostic> errors = result.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ALERT && !d.code().equals("summary"))
                .toList();
        assertThat(errors).as("a file is refused only for names (keywords, options, actions, fetches, converters,"
                + " MUX protocols) that HAProxy 3.2 lacks, or for arguments of fetches and converters it reads"
                + " otherwise").allSatisfy(d -> assertThat(d.code().matches("unknown-(keyword|action|sample)")
                        || NEWER_SYNTAX.matcher(d.message()).find()).as(d.text()).isTrue());
    }
}
