package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.grammar.ast.SourceSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleExprParserTest {

    private static SampleExpr parse(String text) {
        return SampleExprParser.parse(text, Words.at(1));
    }

    private static void assertError(String text, String message, int column) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ExprSyntaxException.class)
                .hasMessage(message)
                .extracting(e -> ((ExprSyntaxException) e).span().column())
                .isEqualTo(column);
    }

    @Test
    void fetchAlone() {
        SampleExpr e = parse("src");
        assertThat(e.fetch().name()).isEqualTo("src");
        assertThat(e.fetch().args()).isEmpty();
        assertThat(e.converters()).isEmpty();
        assertThat(e.text()).isEqualTo("src");
    }

    @Test
    void fetchWithConvertersAndArguments() {
        SampleExpr e = parse("req.hdr(host),lower,map(/etc/haproxy/hosts.map,default)");
        assertThat(e.fetch().name()).isEqualTo("req.hdr");
        assertThat(e.fetch().args()).extracting(Arg::value).containsExactly("host");
        assertThat(e.converters()).extracting(Converter::name).containsExactly("lower", "map");
        assertThat(e.converters().get(1).args())
                .extracting(Arg::value, Arg::column)
                .containsExactly(tuple("/etc/haproxy/hosts.map", 25), tuple("default", 48));
    }

    @Test
    void namesTakeHaproxysIdentifierCharacters() {
        assertThat(parse("51d.all(x),ipmask(24),x+y-z:w").converters()).extracting(Converter::name)
                .containsExactly("ipmask", "x+y-z:w");
        assertThat(parse("a.b_c-d+e:f").fetch().name()).isEqualTo("a.b_c-d+e:f");
    }

    @Test
    void negativeAndEmptyArguments() {
        assertThat(parse("hdr(X-Forwarded-For,-1)").fetch().args()).extracting(Arg::value)
                .containsExactly("X-Forwarded-For", "-1");
        assertThat(parse("f()").fetch().args()).extracting(Arg::value).containsExactly("");
        assertThat(parse("f(,)").fetch().args()).extracting(Arg::value).containsExactly("", "");
        assertThat(parse("f(a,)").fetch().args()).extracting(Arg::value).containsExactly("a", "");
    }

    @Test
    void extraCommasAreSkippedAsHaproxyDoes() {
        assertThat(parse("src,,lower,").converters()).extracting(Converter::name).containsExactly("lower");
        assertThat(parse("src,").converters()).isEmpty();
    }

    @Test
    void doubleQuotesProtectCommas() {
        SampleExpr e = parse("regsub(\"a,b\",\\,,g)");
        // "\," is no escape for HAProxy: the backslash stays and the comma separates.
        assertThat(e.fetch().args()).extracting(Arg::value, Arg::raw)
                .containsExactly(tuple("a,b", "\"a,b\""), tuple("\\", "\\"), tuple("", ""), tuple("g", "g"));
    }

    @Test
    void manualRegsubExamples() {
        assertThat(parse("path,regsub(\"(foo|bar)\",blah,g)").converters().get(0).args()).extracting(Arg::value)
                .containsExactly("(foo|bar)", "blah", "g");
        assertThat(parse("path,regsub(\"^/(here)(/|$)\",\"my/\\1\",g)").converters().get(0).args())
                .extracting(Arg::value)
                .containsExactly("^/(here)(/|$)", "my/\\1", "g");
    }

    @Test
    void singleQuotesProtectEverything() {
        assertThat(parse("f('a)b,\\n\"')").fetch().args()).extracting(Arg::value).containsExactly("a)b,\\n\"");
        assertThat(parse("str('it''s')").fetch().args()).extracting(Arg::value).containsExactly("its");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "f(\\\\)   | \\",
        "f(\\ )    | ` `",
        "f(\\\")   | \"",
        "f(\\')    | '",
        "f(a\\b)   | a\\b",
        "f(\"\\x\") | \\x",
        "f(\"a\\\"b\") | a\"b",
    })
    void backslashEscapes(String text, String value) {
        assertThat(parse(text).fetch().args()).extracting(Arg::value).containsExactly(value);
    }

    @Test
    void controlCharacterEscapes() {
        assertThat(parse("f(\\r\\n\\t)").fetch().args()).extracting(Arg::value).containsExactly("\r\n\t");
    }

    @Test
    void parenthesesDoNotNest() {
        assertThat(parse("f((a)").fetch().args()).extracting(Arg::value).containsExactly("(a");
    }

    @Test
    void columnsAndSpansCountFromTheWord() {
        SampleExpr e = SampleExprParser.parse("src,lower", new SourceSpan("h.cfg", 7, 20));
        assertThat(e.converters().get(0).column()).isEqualTo(5);
        assertThat(e.converters().get(0).span()).isEqualTo(new SourceSpan("h.cfg", 7, 24));
    }

    @Test
    void spansCountBytesAsHaproxyDoes() {
        SampleExpr e = SampleExprParser.parse("f(é),lower", Words.at(1));
        assertThat(e.converters().get(0).column()).isEqualTo(6);
        assertThat(e.converters().get(0).span().column()).isEqualTo(7);
    }

    @Test
    void missingFetchMethod() {
        assertError("", "missing fetch method", 1);
        assertError(",src", "missing fetch method", 1);
        assertError(" src", "missing fetch method", 1);
        assertError("(a)", "missing fetch method", 1);
    }

    @Test
    void missingClosingParenthesis() {
        assertError("req.hdr(host", "fetch method 'req.hdr' : expected ')'", 8);
        assertError("f(\"a)", "fetch method 'f' : expected ')'", 2);
        assertError("f('a)", "fetch method 'f' : expected ')'", 2);
    }

    @Test
    void missingClosingParenthesisOfAConverterCountsArgumentsAsHaproxyDoes() {
        assertError("src,lower(a", "invalid arg 2 in converter 'lower' : expected ')'", 10);
        assertError("src,regsub(a,b", "invalid arg 2 in converter 'regsub' : expected ')'", 11);
        assertError("src,regsub(a,b,c", "invalid arg 3 in converter 'regsub' : expected ')'", 11);
    }

    @Test
    void missingComma() {
        assertError("src]", "missing comma after fetch keyword 'src'", 4);
        assertError("f(x)y", "missing comma after fetch keyword 'f'", 5);
        assertError("src,lower x", "missing comma after converter 'lower'", 10);
    }

    @Test
    void emptyConverterName() {
        assertError("src,)", "unknown converter ''", 5);
        assertError("src,,]", "unknown converter ''", 6);
    }

    @Test
    void backslashAtTheEnd() {
        assertError("f(a\\", "fetch method 'f' : failed to parse '\\' after 'a' at position 1", 4);
        assertError("f(\"ab\\", "fetch method 'f' : failed to parse '\\' after 'ab' at position 1", 6);
        assertError("src,map(a,b\\",
                "invalid arg 2 in converter 'map' : failed to parse '\\' after 'b' at position 2", 12);
    }

    @Test
    void unclosedParenthesisComesWithAHint() {
        assertThatThrownBy(() -> parse("f(a"))
                .isInstanceOfSatisfying(ExprSyntaxException.class, e -> assertThat(e.hint()).isPresent());
        assertThatThrownBy(() -> parse("f(a)x"))
                .isInstanceOfSatisfying(ExprSyntaxException.class, e -> assertThat(e.hint()).isEmpty());
    }
}
