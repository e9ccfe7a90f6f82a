package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.Objects;

/**
 * The condition of a rule, e.g. {@code if !{ ssl_fc } || is_api bad_ip}: OR groups of AND-ed
 * terms.
 *
 * <p>HAProxy accepts {@code if} or {@code unless} with nothing after it (or with nothing but
 * exclamation marks and {@code or}): the condition then has no group; {@code if} never matches
 * and {@code unless} always does. {@link #isEmpty()} lets a lint rule say so.
 *
 * @param unless true for {@code unless}, false for {@code if}
 * @param or the OR-ed groups, in order; a group has at least one term
 * @param ignored words HAProxy never reads: an empty word ({@code ""}) ends the arguments of a
 *     line for HAProxy, so it and everything after it are dropped; usually empty
 * @param span where the {@code if} or {@code unless} word starts
 */
public record Condition(boolean unless, List<AndGroup> or, List<Word> ignored, SourceSpan span) {

    public Condition {
        or = List.copyOf(or);
        ignored = List.copyOf(ignored);
        Objects.requireNonNull(span, "span");
    }

    /** True when the condition has no term at all. */
    public boolean isEmpty() {
        return or.isEmpty();
    }
}
