package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.Objects;

/**
 * One argument between the parentheses of a fetch or a converter, after HAProxy's second level
 * of quoting: {@code "a,b"} gives the value {@code a,b}.
 *
 * <p>The argument's type (string, integer, time, ...) depends on the keyword and is left to a
 * semantic pass; an empty pair of parentheses gives one empty argument, which HAProxy drops for
 * keywords whose first argument is not a string.
 *
 * @param value the decoded text: quotes removed, backslash escapes resolved
 * @param raw the text as written between the delimiters
 * @param column 1-based position of its first character within the parsed text
 * @param span where it starts in the file
 */
public record Arg(String value, String raw, int column, SourceSpan span) {

    public Arg {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(span, "span");
    }
}
