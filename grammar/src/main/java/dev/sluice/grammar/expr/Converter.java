package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A converter applied to a sample, e.g. {@code map(/etc/haproxy/hosts.map,default)}.
 *
 * @param name the keyword, made of HAProxy's name characters (letters, digits, {@code ._+:-})
 * @param args its arguments; empty when it has no parentheses
 * @param column 1-based position of the name within the parsed text
 * @param span where the name starts in the file
 */
public record Converter(String name, List<Arg> args, int column, SourceSpan span) {

    public Converter {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        Objects.requireNonNull(span, "span");
    }
}
