package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A converter applied to a sample, e.g. {@code lower} or {@code map(/etc/hosts.map,default)}.
 *
 * @param name the converter
 * @param args its arguments
 */
public record ConverterCall(String name, List<TypedArg> args) {

    public ConverterCall {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }
}
