package dev.sluice.compiler.plan;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.Objects;

/**
 * A configuration the compiler cannot turn into a plan: an undefined ACL or backend, a value that
 * is not a time, ... It points at the directive's line. It carries no stack trace: it reports a
 * mistake in a configuration, not in Sluice.
 */
public final class CompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourceSpan span;
    private final String detail;

    /**
     * @param span the directive (or section header) at fault
     * @param detail what is wrong, without the location
     */
    public CompileException(SourceSpan span, String detail) {
        super(Objects.requireNonNull(span, "span").fileAndLine() + ": " + Objects.requireNonNull(detail, "detail"),
                null, false, false);
        this.span = span;
        this.detail = detail;
    }

    /** Where the directive at fault starts. */
    public SourceSpan span() {
        return span;
    }

    /** What is wrong, without the location. */
    public String detail() {
        return detail;
    }
}
