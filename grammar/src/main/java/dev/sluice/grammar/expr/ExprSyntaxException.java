package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * A syntax error in a condition, an ACL expression, a sample expression or a log-format string.
 *
 * <p>The message is the part HAProxy prints after its context (for instance after {@code error
 * detected while parsing ACL 'x' : }), worded as HAProxy words it wherever HAProxy has a message
 * for the case. The exception carries no stack trace: it reports a mistake in a configuration,
 * not in Sluice.
 */
public final class ExprSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceSpan span;
    private final String hint;

    /**
     * @param message the message alone, without location
     * @param span where the offending text starts
     */
    public ExprSyntaxException(String message, SourceSpan span) {
        this(message, span, null);
    }

    /**
     * @param message the message alone, without location
     * @param span where the offending text starts
     * @param hint an extra sentence of Sluice's own that suggests a fix, or null
     */
    public ExprSyntaxException(String message, SourceSpan span, String hint) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.span = Objects.requireNonNull(span, "span");
        this.hint = hint;
    }

    /** Where the offending text starts. */
    public SourceSpan span() {
        return span;
    }

    /** A suggestion of Sluice's own, when it has one; HAProxy prints nothing like it. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
