package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * Terms of a condition written one after the other, which must all match.
 *
 * @param terms at least one
 * @param span where the group's first word starts
 */
public record AndGroup(List<Term> terms, SourceSpan span) {

    public AndGroup {
        terms = List.copyOf(terms);
        Objects.requireNonNull(span, "span");
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a group has at least one term");
        }
    }
}
