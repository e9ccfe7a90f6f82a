package dev.sluice.lint;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a rule found, at a place in a configuration file.
 *
 * @param rule the rule's id
 * @param severity as graded for this run
 * @param span where it points: file, 1-based line and column
 * @param message one sentence, naming the objects concerned
 * @param fix the mechanical fix, when the rule offers one
 */
public record Finding(String rule, Severity severity, SourceSpan span, String message, Optional<Fix> fix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
