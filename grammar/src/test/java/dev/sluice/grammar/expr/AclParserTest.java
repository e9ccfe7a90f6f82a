package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.grammar.ast.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclParserTest {

    private static AclDefinition definition(String line) {
        return AclParser.parseDefinition(Words.of(line), Words.at(1));
    }

    private static AclExpr expr(String line) {
        return AclParser.parseExpr(Words.of(line), Words.at(1));
    }

    private static void assertError(String line, String message, int column) {
        assertThatThrownBy(() -> definition(line))
                .isInstanceOf(ExprSyntaxException.class)
                .hasMessage(message)
                .extracting(e -> ((ExprSyntaxException) e).span().column())
                .isEqualTo(column);
    }

    @Test
    void seedAcl() {
        AclDefinition d = definition("too_many_connections src_conn_cur ge 10");
        assertThat(d.name()).isEqualTo("too_many_connections");
        assertThat(d.expr().criterion().fetch().name()).isEqualTo("src_conn_cur");
        assertThat(d.expr().values()).extracting(Word::value).containsExactly("ge", "10");
        assertThat(d.expr().leadingOperator()).map(Word::value).hasValue("ge");
    }

    @Test
    void flagsThenValues() {
        AclExpr e = expr("hdr(host) -i -m beg -f hosts.lst www. api.");
        assertThat(e.criterion().fetch().args()).extracting(Arg::value).containsExactly("host");
        assertThat(e.flags()).extracting(AclFlag::kind).containsExactly(
                AclFlag.Kind.IGNORE_CASE, AclFlag.Kind.MATCH_METHOD, AclFlag.Kind.PATTERN_FILE);
        assertThat(e.flags().get(1).argument()).map(Word::value).hasValue("beg");
        assertThat(e.values()).extracting(Word::value).containsExactly("www.", "api.");
        assertThat(e.leadingOperator()).isEmpty();
    }

    @Test
    void everyOption() {
        AclExpr e = expr("src -i -n -M -u 12 -f a.map 1.2.3.4");
        assertThat(e.flags()).extracting(f -> f.kind().spelling()).containsExactly("-i", "-n", "-M", "-u", "-f");
        assertThat(e.has(AclFlag.Kind.MAP_FORMAT)).isTrue();
    }

    @Test
    void doubleDashEndsTheOptions() {
        AclExpr e = expr("dst_port -- -1");
        assertThat(e.flags()).extracting(AclFlag::kind).containsExactly(AclFlag.Kind.END_OF_OPTIONS);
        assertThat(e.values()).extracting(Word::value).containsExactly("-1");
    }

    @Test
    void optionsAfterTheFirstValueAreValues() {
        assertThat(expr("path_beg /a -i").values()).extracting(Word::value).containsExactly("/a", "-i");
    }

    @Test
    void anOptionArgumentIsTheNextWordWhateverItIs() {
        assertThat(expr("src -f -i").flags()).singleElement()
                .satisfies(f -> assertThat(f.argument()).map(Word::value).hasValue("-i"));
    }

    @Test
    void anEmptyWordEndsTheLine() {
        assertThat(expr("src 1.2.3.4 \"\" 5.6.7.8").values()).extracting(Word::value).containsExactly("1.2.3.4");
    }

    @Test
    void aclNames() {
        assertThat(definition("HTTP_1.1 req.ver 1.1").name()).isEqualTo("HTTP_1.1");
        assertError("{x src", "character '{' is not permitted in acl name '{x'", 1);
        assertError("a(b) src", "character '(' is not permitted in acl name 'a(b)'", 1);
        assertError("Or src", "acl name 'Or' will never match. 'or' is used to express a logical disjunction "
                + "within a condition", 1);
        assertThatThrownBy(() -> AclParser.parseDefinition(List.of(), Words.at(3)))
                .isInstanceOf(ExprSyntaxException.class)
                .hasMessage("character '' is not permitted in acl name ''");
    }

    @Test
    void missingCriterion() {
        assertError("x", "missing fetch method in ACL expression ''", 1);
        assertThatThrownBy(() -> AclParser.parseExpr(List.of(), Words.at(9)))
                .isInstanceOfSatisfying(ExprSyntaxException.class, e -> {
                    assertThat(e).hasMessage("missing fetch method in ACL expression ''");
                    assertThat(e.span().column()).isEqualTo(9);
                });
    }

    @Test
    void criterionErrorsNameTheExpression() {
        assertError("x ,src", "missing fetch method in ACL expression ',src'", 3);
        assertError("x req.hdr(host", "fetch method 'req.hdr' : expected ')' in ACL expression 'req.hdr(host'", 10);
    }

    @Test
    void optionErrors() {
        assertError("x src -x 1",
                "'-x' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'", 7);
        assertError("x src -1",
                "'-1' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'", 7);
        assertError("x src -u abc", "the argument of -u must be an integer", 10);
        assertError("x src -u", "the argument of -u must be an integer", 7);
        assertError("x src -m regex", "unknown matching method 'regex' when parsing ACL expression", 10);
        assertError("x src -m", "unknown matching method '' when parsing ACL expression", 7);
        assertError("x src -f a -m str",
                "'-m' must only be specified before patterns and files in parsing ACL expression", 12);
        assertError("x src -f", "failed to open pattern file <>", 7);
    }

    @Test
    void everyMatchMethodIsKnown() {
        for (String m : List.of("found", "bool", "int", "ip", "bin", "len", "str", "beg", "sub", "dir", "dom",
                "end", "reg", "regm")) {
            assertThat(expr("src -m " + m).flags().get(0).argument()).map(Word::value).hasValue(m);
        }
    }

    @Test
    void uniqueIdTakesWhatStrtolTakes() {
        assertThat(expr("src -u +12").flags()).hasSize(1);
        assertThat(expr("src -u -3").flags()).hasSize(1);
    }
}
