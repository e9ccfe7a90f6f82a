package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A text lexed in two parts on two threads, split after any LF, gives the lines a single pass
 * gives: the corpus and the tokenizer fixtures split after every line, generated texts whose lines
 * end in every awkward way (an open quote, a comment, CR, NUL, a backslash, no LF at the end), and
 * a file big enough to be split by default. Lines are compared as a mapper that takes plain lines
 * as they are sees them, and as syntax lines.
 */
class SplitLexingTest {

    /** Plain lines as their number, words and columns; the others as syntax lines. */
    private static final AstBuilder.LineMapper<String> DESCRIBED = new AstBuilder.LineMapper<>() {
        @Override
        public String map(SyntaxLine line) {
            return line.toString();
        }

        @Override
        public String plain(AstBuilder.PlainLine line) {
            StringBuilder b = new StringBuilder("plain ").append(line.number());
            for (int i = 0; i < line.size(); i++) {
                b.append(' ').append(line.word(i)).append('@').append(line.column(i));
            }
            return b.toString();
        }
    };

    /** Line endings and line contents a split could get wrong. */
    private static final List<String> PIECES = List.of(
            "\n", "\n", "\n", "\r\n", "\r", "\u0000", "\r\u0000x", " ", "\t", "\u000B\f", "#", "# c \"x", "\"",
            "'", "\\", "\\x", "\\x4", "\\x41", "\\ ", "$", "${", "${A", "${A[", "${A[*]}", "${A-d}", "}", "$.LINE",
            "\"a b", "'a b", "\"$HOME\"", "'x'", "server", "a", "\u00e9", "[scope]", ".if 1", ".endif");

    static Stream<Path> files() throws IOException {
        return Stream.concat(Corpus.configs().stream(), Fixture.all().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everySplitOfAFileLexesAsOnePass(Path file) throws IOException {
        assertEverySplitLexesAsOnePass(ConfigLoader.read(file));
    }

    @Provide
    Arbitrary<String> awkwardTexts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(80).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 200)
    void everySplitOfAGeneratedTextLexesAsOnePass(@ForAll("awkwardTexts") String text) {
        assertEverySplitLexesAsOnePass(text);
    }

    @Test
    void aBigFileIsSplitAndLexesAsOnePassEveryTime() throws IOException {
        StringBuilder big = new StringBuilder();
        List<Path> files = files().toList();
        while (big.length() < 2 * AstBuilder.PARALLEL_THRESHOLD) {
            for (Path file : files) {
                big.append(ConfigLoader.read(file));
            }
        }
        // Ends without LF and inside a quote.
        big.append("  description \"unterminated ${A");
        String text = big.toString();
        List<SyntaxLine> single = AstBuilder.lines(text, 0, line -> line);
        List<String> described = AstBuilder.lines(text, 0, DESCRIBED);
        for (int i = 0; i < 5; i++) {
            assertThat(AstBuilder.lines(text)).isEqualTo(single);
            assertThat(AstBuilder.lines(text, DESCRIBED)).isEqualTo(described);
        }
        assertThat(single.get(single.size() - 1).number()).isEqualTo(text.split("\n", -1).length);
    }

    @Test
    void charactersAboveLatin1AreTextCountedInChars() {
        SyntaxLine line = ConfigLoader.syntaxLines("description \u20ac\uD83D\uDE00\u00e9 \"\uD83D\uDE00 $A\" x\n").get(0);

        assertThat(line.words()).extracting(RawWord::raw)
                .containsExactly("description", "\u20ac\uD83D\uDE00\u00e9", "\"\uD83D\uDE00 $A\"", "x");
        assertThat(line.words()).extracting(RawWord::column).containsExactly(1, 13, 18, 26);
        assertThat(ConfigLoader.syntaxLines("a \u20ac b").get(0).words()).extracting(RawWord::raw)
                .containsExactly("a", "\u20ac", "b");
    }

    private static void assertEverySplitLexesAsOnePass(String text) {
        List<SyntaxLine> single = AstBuilder.lines(text, 0, line -> line);
        List<String> described = AstBuilder.lines(text, 0, DESCRIBED);
        for (int split : lineStarts(text)) {
            assertThat(AstBuilder.lines(text, split, line -> line)).as("split at %d", split).isEqualTo(single);
            assertThat(AstBuilder.lines(text, split, DESCRIBED)).as("split at %d", split).isEqualTo(described);
        }
    }

    /** Where every line but the first starts. */
    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts;
    }
}
