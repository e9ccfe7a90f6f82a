package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatParserTest {

    private static final String SEED = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
            + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";

    private static LogFormat parse(String text) {
        return LogFormatParser.parse(text, Words.at(1));
    }

    private static void assertError(String text, String message, int column) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ExprSyntaxException.class)
                .hasMessage(message)
                .extracting(e -> ((ExprSyntaxException) e).span().column())
                .isEqualTo(column);
    }

    @Test
    void seedLogFormatIdentifiesEveryAlias() {
        LogFormat f = parse(SEED);
        assertThat(f.aliases()).extracting(LogFormat.Alias::name).containsExactly(
                "ci", "cp", "tr", "ft", "b", "s", "TR", "Tw", "Tc", "Tr", "Ta", "ST", "B", "CC", "CS", "tsc",
                "ac", "fc", "bc", "sc", "rc", "sq", "bq", "hr", "hs", "r");
        LogFormat.Alias r = f.aliases().get(f.aliases().size() - 1);
        assertThat(r.options().items()).containsExactly(new LogFormat.Option("+Q", LogFormat.Sign.SET, "Q"));
        assertThat(r.raw()).isEqualTo("%{+Q}r");
        assertThat(f.parts().get(3)).isEqualTo(new LogFormat.Literal(" [", " [", 8, Words.at(8)));
    }

    @Test
    void sampleExpressions() {
        LogFormat f = parse("%[req.hdr(host),lower] %{+Q}[src]");
        assertThat(f.parts()).hasSize(3);
        LogFormat.Expr first = (LogFormat.Expr) f.parts().get(0);
        assertThat(first.expr().text()).isEqualTo("req.hdr(host),lower");
        assertThat(first.expr().fetch().column()).isEqualTo(3);
        assertThat(first.raw()).isEqualTo("%[req.hdr(host),lower]");
        LogFormat.Expr second = (LogFormat.Expr) f.parts().get(2);
        assertThat(second.options().raw()).isEqualTo("+Q");
        assertThat(second.column()).isEqualTo(24);
    }

    @Test
    void theSampleParserDecidesWhereTheExpressionEnds() {
        LogFormat.Expr e = (LogFormat.Expr) parse("%[req.hdr(])]").parts().get(0);
        assertThat(e.expr().fetch().args()).extracting(Arg::value).containsExactly("]");
    }

    @Test
    void percentEscapes() {
        assertThat(parse("100%% sure").parts()).containsExactly(
                new LogFormat.Literal("100% sure", "100%% sure", 1, Words.at(1)));
        // A '%' before a character that starts nothing disappears, as in HAProxy.
        assertThat(parse("a%/b").parts()).containsExactly(new LogFormat.Literal("a/b", "a%/b", 1, Words.at(1)));
    }

    @Test
    void optionsAreReadAsHaproxyReadsThem() {
        LogFormat.Alias a = parse("%{Q,+M+E,-X,,+json}o").aliases().get(0);
        assertThat(a.options().items()).containsExactly(
                new LogFormat.Option("Q", LogFormat.Sign.NONE, "Q"),
                new LogFormat.Option("+M+E", LogFormat.Sign.SET, "E"),
                new LogFormat.Option("-X", LogFormat.Sign.CLEAR, "X"),
                new LogFormat.Option("+json", LogFormat.Sign.SET, "json"));
    }

    @Test
    void aliasAfterOptionsMayStartWithADigit() {
        assertThat(parse("%{+Q}1a").aliases()).extracting(LogFormat.Alias::name).containsExactly("1a");
    }

    @Test
    void emptyTextHasNoPart() {
        assertThat(parse("").parts()).isEmpty();
    }

    @Test
    void visitorSeesEveryKindOfPart() {
        List<String> seen = new ArrayList<>();
        for (LogFormat.Part p : parse("a%b%[src]").parts()) {
            seen.add(p.accept(new LogFormat.Visitor<String>() {
                @Override
                public String visitLiteral(LogFormat.Literal literal) {
                    return "literal";
                }

                @Override
                public String visitAlias(LogFormat.Alias alias) {
                    return "alias";
                }

                @Override
                public String visitExpr(LogFormat.Expr expr) {
                    return "expr";
                }
            }));
        }
        assertThat(seen).containsExactly("literal", "alias", "expr");
    }

    @Test
    void truncated() {
        assertError("100%", "truncated line after '%'", 4);
        assertError("%{+Q", "truncated line after '+Q'", 1);
    }

    @Test
    void percentBeforeADigitOrABlank() {
        assertError("50% off", "unexpected variable name near ' ' at position 3 line : '50% off'. "
                + "Maybe you want to write a single '%', use the syntax '%%'", 4);
        assertError("%5", "unexpected variable name near '5' at position 1 line : '%5'. "
                + "Maybe you want to write a single '%', use the syntax '%%'", 2);
    }

    @Test
    void optionsWithoutAlias() {
        assertError("%{+X}", "parse argument modifier without variable name near '%{+X}'", 1);
        assertError("a %{+Q}-", "parse argument modifier without variable name near '%{+Q}'", 3);
    }

    @Test
    void badSampleExpressions() {
        assertError("%[]", "failed to parse sample expression <]> : missing fetch method", 3);
        assertError("%[] x", "failed to parse sample expression <] x> : missing fetch method", 3);
        assertError("%[src,]", "failed to parse sample expression <src,]> : unknown converter ''", 7);
        assertError("%[req.hdr(host]",
                "failed to parse sample expression <req.hdr(host]> : fetch method 'req.hdr' : expected ')'", 10);
    }

    @Test
    void missingClosingBracket() {
        assertError("%[src", "missing ']' after 'src'", 6);
        assertError("%[src,", "missing ']' after 'src,'", 7);
        assertError("%[src x]", "expected ']' after 'src', but found ' '", 6);
        assertError("%[req.hdr(host)x]", "expected ']' after 'req.hdr(host)', but found 'x'", 16);
    }

    @Test
    void theFirstErrorWins() {
        assertError("%{+Q}- %[", "parse argument modifier without variable name near '%{+Q}'", 1);
        assertError("%[src %5", "expected ']' after 'src', but found ' '", 6);
    }
}
