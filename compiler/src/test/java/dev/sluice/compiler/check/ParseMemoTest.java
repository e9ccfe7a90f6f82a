package dev.sluice.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.LogFormatParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The memo gives what the grammar's parsers give, parsing each text once. */
class ParseMemoTest {

    private static final SourceSpan AT = new SourceSpan("t.cfg", 3, 5);

    private static List<Word> words(String... values) {
        List<Word> words = new ArrayList<>();
        for (String v : values) {
            words.add(new Word(v, v, AT));
        }
        return words;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http", "max-age=31536000; includeSubDomains", "be_app_1", "a b"})
    void textWithoutPercentIsWhatTheParserMakesOfIt(String text) {
        assertThat(new ParseMemo().format(new Word(text, text, AT))).isEqualTo(LogFormatParser.parse(text, AT));
    }

    @Test
    void sameTextParsesOnce() {
        ParseMemo memo = new ParseMemo();
        Word first = new Word("%[src]", "%[src]", AT);
        Word second = new Word("%[src]", "%[src]", new SourceSpan("t.cfg", 9, 5));
        assertThat(memo.format(second)).isSameAs(memo.format(first));
        assertThat(memo.condition(words("if", "a", "!b"))).isSameAs(memo.condition(words("if", "a", "!b")));
    }

    @Test
    void aclPatternsDoNotCount() {
        ParseMemo memo = new ParseMemo();
        assertThat(memo.acl(words("hdr(host)", "-i", "-m", "str", "a.example.com"), AT))
                .isSameAs(memo.acl(words("hdr(host)", "-i", "-m", "str", "b.example.com"), AT));
        assertThat(memo.acl(words("path", "--", "-x"), AT).flags()).hasSize(1);
    }

    @Test
    void syntaxErrorsAreRemembered() {
        ParseMemo memo = new ParseMemo();
        assertThatThrownBy(() -> memo.expression(new Word("req.hdr(host", "req.hdr(host", AT)))
                .isInstanceOf(ExprSyntaxException.class).hasMessage("fetch method 'req.hdr' : expected ')'");
        assertThatThrownBy(() -> memo.expression(new Word("req.hdr(host", "req.hdr(host", AT)))
                .isInstanceOf(ExprSyntaxException.class).hasMessage("fetch method 'req.hdr' : expected ')'");
    }
}
