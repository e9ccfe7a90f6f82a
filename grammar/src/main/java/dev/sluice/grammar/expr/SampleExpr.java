package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A sample expression: a fetch followed by converters, e.g.
 * {@code req.hdr(host),lower,map(/etc/haproxy/hosts.map,default)}.
 *
 * @param fetch the sample fetch
 * @param converters the converters in the order they apply
 * @param text the expression as written (without the {@code %[ ]} around an embedded one)
 * @param column 1-based position of its first character within the parsed text
 * @param span where it starts in the file
 */
public record SampleExpr(Fetch fetch, List<Converter> converters, String text, int column, SourceSpan span) {

    public SampleExpr {
        Objects.requireNonNull(fetch, "fetch");
        converters = List.copyOf(converters);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }
}
