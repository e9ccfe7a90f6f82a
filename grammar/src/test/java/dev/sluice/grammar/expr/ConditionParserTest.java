package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.grammar.ast.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    private static Condition parse(String line) {
        return ConditionParser.parse(Words.of(line));
    }

    private static void assertError(String line, String message, int column) {
        assertThatThrownBy(() -> parse(line))
                .isInstanceOf(ExprSyntaxException.class)
                .hasMessage(message)
                .extracting(e -> ((ExprSyntaxException) e).span().column())
                .isEqualTo(column);
    }

    /** A compact rendering: groups joined by " | ", terms by " ", "!" for negation. */
    private static String shape(Condition c) {
        StringBuilder b = new StringBuilder(c.unless() ? "unless" : "if");
        for (int g = 0; g < c.or().size(); g++) {
            b.append(g == 0 ? " " : " | ");
            List<Term> terms = c.or().get(g).terms();
            for (int t = 0; t < terms.size(); t++) {
                Term term = terms.get(t);
                b.append(t == 0 ? "" : " ").append(term.negated() ? "!" : "");
                b.append(term instanceof AclRef ref ? ref.name() : "{" + ((AnonymousAcl) term).expr().criterionWord() + "}");
            }
        }
        return b.toString();
    }

    @Test
    void briefExample() {
        Condition c = parse("if !{ ssl_fc } || is_api bad_ip");
        assertThat(shape(c)).isEqualTo("if !{ssl_fc} | is_api bad_ip");
        AnonymousAcl ssl = (AnonymousAcl) c.or().get(0).terms().get(0);
        assertThat(ssl.words()).extracting(Word::value).containsExactly("!{", "ssl_fc", "}");
        assertThat(ssl.span().column()).isEqualTo(4);
        assertThat(c.or().get(1).span().column()).isEqualTo(19);
    }

    @Test
    void seedConditions() {
        assertThat(shape(parse("if too_many_connections"))).isEqualTo("if too_many_connections");
        assertThat(shape(parse("if { sc_http_req_rate(0) gt 100 }"))).isEqualTo("if {sc_http_req_rate(0)}");
        assertThat(shape(parse("if { path /metrics }"))).isEqualTo("if {path}");
        assertThat(shape(parse("if TRUE"))).isEqualTo("if TRUE");
    }

    @Test
    void orInAnyCaseAndDoublePipe() {
        assertThat(shape(parse("unless a b or c || d OR e"))).isEqualTo("unless a b | c | d | e");
    }

    @Test
    void eachExclamationMarkTogglesTheNextTerm() {
        assertThat(shape(parse("if ! ! a !b !!c ! !d !!!{ src }"))).isEqualTo("if a !b c d !{src}");
    }

    @Test
    void orResetsAPendingNegation() {
        assertThat(shape(parse("if ! or a !"))).isEqualTo("if a");
    }

    @Test
    void emptyConditionsAreAcceptedAsHaproxyDoes() {
        assertThat(parse("if").isEmpty()).isTrue();
        assertThat(parse("unless ! or").isEmpty()).isTrue();
        assertThat(shape(parse("if or or a or"))).isEqualTo("if a");
    }

    @Test
    void anonymousAclTakesEverythingUpToTheClosingBrace() {
        AnonymousAcl acl = (AnonymousAcl) parse("if { path_beg /a or ! || { }").or().get(0).terms().get(0);
        assertThat(acl.expr().values()).extracting(Word::value).containsExactly("/a", "or", "!", "||", "{");
    }

    @Test
    void anEmptyWordEndsTheLine() {
        Condition c = parse("if a \"\" b");
        assertThat(shape(c)).isEqualTo("if a");
        assertThat(c.ignored()).extracting(Word::value).containsExactly("", "b");
    }

    @Test
    void mustStartWithIfOrUnless() {
        assertError("iff a", "conditions must start with either 'if' or 'unless'", 1);
        assertError("\"\" a", "conditions must start with either 'if' or 'unless'", 1);
    }

    @Test
    void missingClosingBrace() {
        assertError("if { ssl_fc", "missing closing '}' in condition", 4);
        assertError("if a { src \"\" }", "missing closing '}' in condition", 6);
        assertThatThrownBy(() -> parse("if { ssl_fc}"))
                .isInstanceOfSatisfying(ExprSyntaxException.class,
                        e -> assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("ssl_fc}")));
    }

    @Test
    void gluedBracesMakeAnAclNameThatCannotExist() {
        assertError("if {ssl_fc}", "no such ACL : '{ssl_fc}'", 4);
        assertError("if a !b}", "no such ACL : 'b}'", 6);
        assertThatThrownBy(() -> parse("if }"))
                .isInstanceOfSatisfying(ExprSyntaxException.class, e -> assertThat(e.hint()).isPresent());
    }

    @Test
    void errorsComeLeftToRight() {
        assertError("if a} { b", "no such ACL : 'a}'", 4);
        assertError("if { ,x } a}", "missing fetch method in ACL expression ',x'", 6);
    }

    @Test
    void errorsOfTheAnonymousAcl() {
        assertError("if { }", "missing fetch method in ACL expression ''", 6);
        assertError("if { req.hdr(host }", "fetch method 'req.hdr' : expected ')' in ACL expression 'req.hdr(host'", 13);
        assertError("if { src -x y }",
                "'-x' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'", 10);
    }

    @Test
    void emptyWordListIsAProgrammingError() {
        assertThatThrownBy(() -> ConditionParser.parse(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
