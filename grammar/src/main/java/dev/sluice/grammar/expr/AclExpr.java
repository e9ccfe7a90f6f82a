package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ACL expression, {@code criterion [flags] [operator] [values...]}: the body of an {@code acl}
 * line and the content of an anonymous ACL.
 *
 * @param criterion the sample expression whose value is tested, e.g. {@code hdr(host),lower}
 * @param criterionWord the word holding it
 * @param flags the options before the values, in order, a final {@code --} included
 * @param values the patterns, in order; for integer and version matches HAProxy reads the words
 *     {@code eq}, {@code ge}, {@code gt}, {@code le} and {@code lt} among them as operators for
 *     the values that follow, which only a pass that knows the match method can decide
 * @param span where the criterion word starts
 */
public record AclExpr(SampleExpr criterion, Word criterionWord, List<AclFlag> flags, List<Word> values, SourceSpan span) {

    private static final Set<String> OPERATORS = Set.of("eq", "ge", "gt", "le", "lt");

    public AclExpr {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(criterionWord, "criterionWord");
        flags = List.copyOf(flags);
        values = List.copyOf(values);
        Objects.requireNonNull(span, "span");
    }

    /**
     * The first value when it is one of HAProxy's comparison operators ({@code eq}, {@code ge},
     * {@code gt}, {@code le}, {@code lt}). HAProxy only treats it as an operator for integer and
     * version matches; for other match methods it is a pattern like the others.
     */
    public Optional<Word> leadingOperator() {
        return values.isEmpty() || !isOperator(values.get(0).value())
                ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /** True for the words HAProxy reads as comparison operators in integer and version matches. */
    public static boolean isOperator(String word) {
        return OPERATORS.contains(word);
    }

    /** True when the flags include one of this kind. */
    public boolean has(AclFlag.Kind kind) {
        return flags.stream().anyMatch(f -> f.kind() == kind);
    }
}
