package dev.sluice.compiler.plan;

import java.util.List;

/**
 * The condition of a rule: OR-ed groups of AND-ed terms, the result inverted for {@code unless}.
 * With no group at all, {@code if} never matches and {@code unless} always does. A rule without a
 * condition has none (null), and always applies.
 *
 * @param unless true for {@code unless}
 * @param or the groups; a group matches when all its terms do
 */
public record Condition(boolean unless, List<List<Term>> or) {

    public Condition {
        or = or.stream().map(List::copyOf).toList();
    }
}
