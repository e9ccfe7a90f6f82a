package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * The sample fetch that starts a sample expression, e.g. {@code req.hdr(host)}. Whether the name
 * exists and how many arguments it takes is for a semantic pass.
 *
 * @param name the keyword, made of HAProxy's name characters (letters, digits, {@code ._+:-})
 * @param args its arguments; empty when it has no parentheses
 * @param column 1-based position of the name within the parsed text
 * @param span where the name starts in the file
 */
public record Fetch(String name, List<Arg> args, int column, SourceSpan span) {

    public Fetch {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        Objects.requireNonNull(span, "span");
    }
}
