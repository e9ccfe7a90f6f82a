package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A sample expression: a fetch and the converters applied to its result, in order.
 *
 * @param fetch the sample fetch, e.g. {@code req.hdr}; for an ACL keyword such as {@code hdr_beg},
 *     the fetch it stands for
 * @param args the fetch's arguments
 * @param converters the converters, in the order they apply
 */
public record SampleCall(String fetch, List<TypedArg> args, List<ConverterCall> converters) {

    public SampleCall {
        Objects.requireNonNull(fetch, "fetch");
        args = List.copyOf(args);
        converters = List.copyOf(converters);
    }

    /** The expression in HAProxy's syntax, e.g. {@code req.hdr(host),lower}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(fetch);
        if (!args.isEmpty()) {
            b.append(args.stream().map(TypedArg::text).collect(Collectors.joining(",", "(", ")")));
        }
        for (ConverterCall c : converters) {
            b.append(',').append(c.name());
            if (!c.args().isEmpty()) {
                b.append(c.args().stream().map(TypedArg::text).collect(Collectors.joining(",", "(", ")")));
            }
        }
        return b.toString();
    }
}
