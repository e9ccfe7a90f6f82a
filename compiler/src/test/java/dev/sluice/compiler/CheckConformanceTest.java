package dev.sluice.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice -c --target-version 2.6} gives HAProxy 2.6's verdict on every configuration of
 * the corpus whose verdict does not depend on a newer HAProxy, and names the same lines in its
 * errors.
 */
class CheckConformanceTest {

    private static final Set<String> COMPARED = Set.of("ok", "ok-no-listener", "a-invalid", "b-environment");

    static List<Corpus.Entry> entries() throws IOException {
        return Corpus.entries().stream().filter(e -> COMPARED.contains(e.verdictClass())).toList();
    }

    static CheckResult check(Corpus.Entry e) throws IOException {
        ParseOptions parse = ParseOptions.defaults().withVersion(HaproxyVersion.V2_6).withEnv(Map.of());
        Path dir = Corpus.workDir();
        CheckOptions options = CheckOptions.of(parse).withWorkDir(dir);
        Path config = dir.resolve("configs").resolve(e.config().getFileName());
        return new Checker(options, TestKeywords.forVersion(HaproxyVersion.V2_6)).check(List.of(config.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void sameVerdictAndLinesAsHaproxy26(Corpus.Entry e) throws IOException {
        CheckResult result = check(e);
        StringBuilder ours = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() != Severity.DIAG) {
                ours.append(HaproxyFormat.format(d, 0));
            }
        }
        assertThat(result.verdict().exitCode()).as("%s exit code; ours:%n%s%nHAProxy's:%n%s", e, ours, e.output())
                .isEqualTo(e.exitCode());
        assertThat(Corpus.lines(ours.toString(), "ALERT")).as("%s lines named in errors; ours:%n%s%nHAProxy's:%n%s", e, ours, e.output())
                .isEqualTo(Corpus.lines(e.output(), "ALERT"));
    }

    /** The keyword catalog the tests use. */
    static final class TestKeywords {
        private TestKeywords() {}

        static KeywordOracle forVersion(HaproxyVersion version) {
            return CatalogOracle.forVersion(version);
        }
    }
}
