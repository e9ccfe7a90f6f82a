package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.Objects;

/**
 * An ACL written inline between braces, e.g. {@code !{ ssl_fc }} or
 * {@code { hdr(host) -i example.com }}.
 *
 * @param expr what is between the braces
 * @param negated true when an odd number of {@code !} precede the opening brace
 * @param words the words from the opening brace to the closing one, both included
 * @param span where the term's first word starts, a separate {@code !} included
 */
public record AnonymousAcl(AclExpr expr, boolean negated, List<Word> words, SourceSpan span) implements Term {

    public AnonymousAcl {
        Objects.requireNonNull(expr, "expr");
        words = List.copyOf(words);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAnonymousAcl(this);
    }
}
