package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.Compiler;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.fmt.Formatter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A configuration and its {@code sluice fmt} output compile to the same bytes: the plan has no positions. */
class FormatInvarianceTest {

    static Stream<Path> configs() {
        return Stream.concat(Fixtures.goldenConfigs().stream(), Fixtures.samples().stream());
    }

    static Stream<Path> corpus() {
        return Fixtures.corpusOk().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reformattingChangesNothing(Path config) throws Exception {
        assertSamePlan(config, HaproxyVersion.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reformattingACorpusConfigurationChangesNothing(Path config) throws Exception {
        assertSamePlan(config, HaproxyVersion.V2_6);
    }

    private static void assertSamePlan(Path config, HaproxyVersion version) throws Exception {
        String text = ConfigLoader.read(config);
        String formatted = new Formatter(version).format(text);
        String name = config.toString();
        String before = PlanJson.write(compile(name, text, version));
        String after = PlanJson.write(compile(name, formatted, version));
        assertThat(after).isEqualTo(before);
    }

    private static Plan compile(String name, String text, HaproxyVersion version) throws CompileException {
        ParseResult parsed = ConfigLoader.parse(name, text, Fixtures.options(version));
        assertThat(parsed.hasErrors()).as("parse errors in %s: %s", name, parsed.diagnostics()).isFalse();
        return Compiler.compile(parsed.config(), version);
    }
}
