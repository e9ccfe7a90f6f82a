package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.Objects;

/**
 * Parses ACL expressions, {@code criterion [flags] [operator] [values...]}, as written after
 * {@code acl NAME} and between the braces of an anonymous ACL.
 *
 * <p>The criterion is a sample expression. The options HAProxy knows are {@code -i},
 * {@code -n}, {@code -M}, {@code -u ID}, {@code -f FILE}, {@code -m METHOD} and {@code --};
 * they stop at the first word that does not start with '-', or after {@code --}. The values are
 * all the remaining words. Whether the criterion exists and whether the values suit its match
 * method is left to a semantic pass.
 */
public final class AclParser {

    private AclParser() {}

    /**
     * Parses an ACL expression alone.
     *
     * @param words the criterion word and the words after it
     * @param where where to point when there is no word at all
     * @throws ExprSyntaxException with HAProxy's message, e.g. {@code '-x' is not a valid ACL
     *     option. Please use '--' before any pattern beginning with a '-'}
     */
    public static AclExpr parseExpr(List<Word> words, SourceSpan where) {
        Objects.requireNonNull(where, "where");
        List<Word> copy = List.copyOf(Objects.requireNonNull(words, "words"));
        return new ConditionBuilder(copy, WordTokens.Mode.ACL).aclExpr(where);
    }

    /**
     * Parses the arguments of an {@code acl} line: the name, then the expression.
     *
     * @param args the words after the {@code acl} keyword
     * @param where where to point when there is no word at all (the {@code acl} keyword)
     * @throws ExprSyntaxException with HAProxy's message, e.g. {@code character '{' is not
     *     permitted in acl name '{x'}
     */
    public static AclDefinition parseDefinition(List<Word> args, SourceSpan where) {
        Objects.requireNonNull(where, "where");
        List<Word> copy = List.copyOf(Objects.requireNonNull(args, "args"));
        return new ConditionBuilder(copy, WordTokens.Mode.ACL).aclDefinition(where);
    }
}
