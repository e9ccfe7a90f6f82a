package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.Objects;

/**
 * An {@code acl} line: {@code acl NAME criterion [flags] [values...]}. Several lines may define
 * the same name; the ACL then matches when any of them does.
 *
 * @param name the ACL name
 * @param nameWord the word holding it
 * @param expr the rest of the line
 * @param span where the name word starts
 */
public record AclDefinition(String name, Word nameWord, AclExpr expr, SourceSpan span) {

    public AclDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameWord, "nameWord");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(span, "span");
    }
}
