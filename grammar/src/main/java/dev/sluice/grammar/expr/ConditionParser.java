package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.Objects;

/**
 * Parses the condition of a rule, from its {@code if} or {@code unless} word to the end of the
 * line, e.g. {@code if !{ ssl_fc } || is_api bad_ip}.
 *
 * <p>As in HAProxy: consecutive terms are AND-ed; {@code ||} or {@code or} (in any case) starts a
 * new OR group; {@code !} negates the next term, alone or glued to it ({@code !is_api},
 * {@code !{}); {@code { ... }} is an anonymous ACL whose braces must be words of their own. A
 * word such as {@code {ssl_fc} is therefore an ACL name for HAProxy, one that cannot exist: it
 * answers {@code no such ACL : '{ssl_fc'}, and so does this parser. Whether a well-formed name
 * refers to a defined ACL is left to a semantic pass.
 */
public final class ConditionParser {

    private ConditionParser() {}

    /**
     * @param words the condition's words, starting with {@code if} or {@code unless}
     * @throws ExprSyntaxException with HAProxy's message, e.g. {@code missing closing '}' in
     *     condition} or {@code conditions must start with either 'if' or 'unless'}
     * @throws IllegalArgumentException when {@code words} is empty
     */
    public static Condition parse(List<Word> words) {
        List<Word> copy = List.copyOf(Objects.requireNonNull(words, "words"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a condition has at least its 'if' or 'unless' word");
        }
        return new ConditionBuilder(copy, WordTokens.Mode.CONDITION).condition();
    }
}
