package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.grammar.HaproxyVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample compiles, and so does every corpus configuration that HAProxy 2.6 accepts. */
class CompileEverythingTest {

    static Stream<Path> samples() {
        return Fixtures.samples().stream();
    }

    @Test
    void thereAreSamples() {
        assertThat(Fixtures.samples()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleCompiles(Path sample) {
        assertThatCode(() -> Fixtures.compile(sample)).doesNotThrowAnyException();
    }

    /**
     * The configurations HAProxy 2.6 accepts, parsed for 2.6: a compile error there is a bug in the
     * compiler (or something it should keep in {@code unmodelled}), and nothing else may escape.
     */
    @Test
    void everyCorpusConfigurationHaproxyAcceptsCompiles() {
        List<Path> ok = Fixtures.corpusOk();
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        for (Path config : ok) {
            try {
                Fixtures.compile(config, HaproxyVersion.V2_6);
                compiled++;
            } catch (CompileException e) {
                failures.add(e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(config + ": the compiler crashed", e);
            }
        }
        System.out.printf("plan: %d of %d corpus configurations accepted by HAProxy 2.6 compile%n", compiled,
                ok.size());
        assertThat(failures).isEmpty();
    }
}
