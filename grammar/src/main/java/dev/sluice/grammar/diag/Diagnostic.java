package dev.sluice.grammar.diag;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.Objects;

/**
 * One finding about a configuration. Text, JSON and SARIF reports are views of this record.
 *
 * @param severity how grave it is
 * @param span where it points (the column is 1 when only the line is known)
 * @param message the message alone, without location, e.g. {@code unmatched quote at position 9}
 * @param text the message exactly as HAProxy words it after its {@code config : } prefix,
 *     possibly on several lines (the offending line and a caret under the column)
 */
public record Diagnostic(Severity severity, SourceSpan span, String message, String text) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(text, "text");
    }

    /** The kind's stable code, e.g. {@code unmatched-quote}; see {@link Codes}. */
    public String code() {
        return Codes.of(message);
    }

    public boolean isError() {
        return severity == Severity.ALERT;
    }
}
