package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The words of a plain line are what the whole decoder makes of them, in both argument models:
 * {@link WordDecoder#plain} is only a shortcut. Lines have up to 70 words (64 is the limit),
 * blanks before, between and after them, and maybe a comment.
 */
class WordDecoderTest {

    @Provide
    Arbitrary<String> plainLines() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abz09:/._-[]{}$*!").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> blank = Arbitraries.of(" ", "  ", "\t", " \t", "\u000B", "\f");
        Arbitrary<String> line = Combinators.combine(word.list().ofMaxSize(70), blank.list().ofMinSize(72).ofMaxSize(72),
                Arbitraries.of("", "# note", " #"))
                .as((words, blanks, comment) -> {
                    StringBuilder b = new StringBuilder(blanks.get(0));
                    for (int i = 0; i < words.size(); i++) {
                        b.append(words.get(i)).append(blanks.get(i + 1));
                    }
                    return b.append(comment).append('\n').toString();
                });
        return line.list().ofMinSize(1).ofMaxSize(4).map(lines -> String.join("", lines));
    }

    @Property(tries = 500)
    void plainWordsAreWhatTheDecoderMakesOfThem(@ForAll("plainLines") String text) {
        List<SyntaxLine> lines = AstBuilder.lines(text, 0, line -> line);
        List<List<Word>> plain = AstBuilder.lines(text, 0, new AstBuilder.LineMapper<List<Word>>() {
            @Override
            public List<Word> map(SyntaxLine line) {
                return null;
            }

            @Override
            public List<Word> plain(AstBuilder.PlainLine line) {
                return WordDecoder.plain(line, "t.cfg");
            }
        });
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).words().size() >= WordDecoder.MAX_LINE_ARGS) {
                assertThat(plain.get(i)).as("line %d: too many words to be plain", i + 1).isNull();
                continue;
            }
            for (boolean modern : new boolean[] {false, true}) {
                WordDecoder.Decoded decoded = WordDecoder.decode(lines.get(i), "t.cfg", modern, (name, line) -> null);
                assertThat(decoded.error()).isNull();
                assertThat(decoded.tooMany()).isFalse();
                assertThat(decoded.emptyArgColumns()).allMatch(column -> column == 0);
                assertThat(plain.get(i)).as("line %d, modern %s", i + 1, modern).isEqualTo(decoded.words());
            }
        }
    }
}
