package dev.sluice.grammar.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random input never makes a parser throw anything but {@link ExprSyntaxException} (no ANTLR
 * exception, no IllegalStateException from a grammar hole), and what the parsers accept decodes
 * back to what was encoded.
 */
class ExprPropertiesTest {

    /** Pieces that matter to at least one of the four languages, and some that matter to none. */
    private static final List<String> PIECES = List.of(
            "src", "req.hdr", "lower", "map", "f", "x", "a-b", "51d", "(", ")", "((", ",", ",,", "\"", "'", "\\",
            "\\\\", "\\\"", "\\'", "\\n", "\\,", "\\)", " ", "\t", "]", "[", "%", "%%", "%[", "%{", "}", "{", "+Q",
            "-E", "ci", "Tr", "1", "-1", "é", "\u0000", "\n", "!", "||", ":", ".");

    private static final List<String> WORDS = List.of(
            "if", "unless", "or", "OR", "||", "!", "!!", "!or", "{", "}", "!{", "{x", "x}", "{}", "a", "TRUE", "b.c",
            "src", "hdr(host)", "req.hdr(", "f(a,\"b)", ",x", "-i", "-n", "-M", "-u", "-f", "-m", "--", "-x", "-",
            "str", "beg", "12", "abc", "eq", "ge", "/api", "", "é", "\\");

    private static final SourceSpan WHERE = new SourceSpan("p.cfg", 3, 5);

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of(PIECES).list().ofMaxSize(25).map(l -> String.join("", l));
        Arbitrary<String> chars = Arbitraries.strings().withChars("abc%[]{}(),'\"\\ +-Q.é\t").ofMaxLength(30);
        return Arbitraries.oneOf(pieces, chars, Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<List<Word>> wordLists() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of(WORDS), texts());
        return word.list().ofMaxSize(15).map(ExprPropertiesTest::words);
    }

    @Provide
    Arbitrary<List<Word>> conditions() {
        return Combinators.combine(Arbitraries.of("if", "unless", "iff"), wordLists())
                .as((first, rest) -> {
                    List<String> values = new ArrayList<>();
                    values.add(first);
                    rest.forEach(w -> values.add(w.value()));
                    return words(values);
                });
    }

    @Property
    void sampleExpressionsOnlyThrowSyntaxErrors(@ForAll("texts") String text) {
        assertOnlySyntaxErrors(() -> {
            SampleExpr e = SampleExprParser.parse(text, WHERE);
            assertThat(e.text()).isEqualTo(text);
        });
    }

    @Property
    void logFormatsOnlyThrowSyntaxErrors(@ForAll("texts") String text) {
        assertOnlySyntaxErrors(() -> {
            LogFormat f = LogFormatParser.parse(text, WHERE);
            assertThat(f.parts().stream().map(ExprPropertiesTest::raw).collect(Collectors.joining())).isEqualTo(text);
        });
    }

    @Property
    void conditionsOnlyThrowSyntaxErrors(@ForAll("conditions") List<Word> words) {
        assertOnlySyntaxErrors(() -> ConditionParser.parse(words));
    }

    @Property
    void aclExpressionsOnlyThrowSyntaxErrors(@ForAll("wordLists") List<Word> words) {
        assertOnlySyntaxErrors(() -> AclParser.parseExpr(words, WHERE));
        assertOnlySyntaxErrors(() -> AclParser.parseDefinition(words, WHERE));
    }

    /** Arguments written in double quotes with their backslashes and quotes escaped come back intact. */
    @Property
    void doubleQuotedArgumentsRoundTrip(@ForAll("argumentValues") List<String> values) {
        String text = values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "src,conv(", ")"));
        SampleExpr e = SampleExprParser.parse(text, WHERE);
        assertThat(e.converters()).singleElement().satisfies(
                c -> assertThat(c.args()).extracting(Arg::value).containsExactlyElementsOf(values));
    }

    /** Literal text with every '%' doubled comes back as one literal. */
    @Property
    void escapedPercentRoundTrips(@ForAll("literalTexts") String text) {
        LogFormat f = LogFormatParser.parse(text.replace("%", "%%"), WHERE);
        assertThat(f.parts()).singleElement()
                .isInstanceOfSatisfying(LogFormat.Literal.class, l -> assertThat(l.text()).isEqualTo(text));
    }

    /** Negation is the parity of all exclamation marks before a term; 'or' starts a new group. */
    @Property
    void namedTermsFollowHaproxysRules(@ForAll("termLists") List<List<Integer>> groups) {
        List<String> line = new ArrayList<>(List.of("if"));
        for (List<Integer> group : groups) {
            if (line.size() > 1) {
                line.add("or");
            }
            for (int bangs : group) {
                // Half of the marks as separate words, the rest glued to the name.
                for (int i = 0; i < bangs / 2; i++) {
                    line.add("!");
                }
                line.add("!".repeat(bangs - bangs / 2) + "acl" + bangs);
            }
        }
        Condition c = ConditionParser.parse(words(line));
        List<List<Integer>> nonEmpty = groups.stream().filter(g -> !g.isEmpty()).toList();
        assertThat(c.or()).hasSize(nonEmpty.size());
        for (int g = 0; g < nonEmpty.size(); g++) {
            List<Term> terms = c.or().get(g).terms();
            assertThat(terms).hasSize(nonEmpty.get(g).size());
            for (int t = 0; t < terms.size(); t++) {
                int bangs = nonEmpty.get(g).get(t);
                assertThat(terms.get(t)).isInstanceOfSatisfying(AclRef.class, ref -> {
                    assertThat(ref.name()).isEqualTo("acl" + bangs);
                    assertThat(ref.negated()).isEqualTo(bangs % 2 == 1);
                });
            }
        }
    }

    @Provide
    Arbitrary<List<String>> argumentValues() {
        return Arbitraries.strings().withChars("ab,)(\"'\\ \n%]").ofMaxLength(8).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> literalTexts() {
        return Arbitraries.strings().withChars("ab %{}[]()\\\"'").ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<List<List<Integer>>> termLists() {
        return Arbitraries.integers().between(0, 5).list().ofMaxSize(4).list().ofMaxSize(4);
    }

    private static void assertOnlySyntaxErrors(Runnable parse) {
        try {
            parse.run();
        } catch (ExprSyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.span().file()).isEqualTo(WHERE.file());
            assertThat(e.getStackTrace()).isEmpty();
        }
    }

    private static String raw(LogFormat.Part part) {
        return part.accept(new LogFormat.Visitor<String>() {
            @Override
            public String visitLiteral(LogFormat.Literal literal) {
                return literal.raw();
            }

            @Override
            public String visitAlias(LogFormat.Alias alias) {
                return alias.raw();
            }

            @Override
            public String visitExpr(LogFormat.Expr expr) {
                return expr.raw();
            }
        });
    }

    /** Words placed one after the other, one space apart, on line 3 of p.cfg. */
    private static List<Word> words(List<String> values) {
        List<Word> words = new ArrayList<>();
        int column = 5;
        for (String v : values) {
            words.add(new Word(v, v, new SourceSpan(WHERE.file(), WHERE.line(), column)));
            column += v.length() + 1;
        }
        return words;
    }
}
