package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * An argument of a fetch or converter call, typed as the keyword declares it: integers, times
 * (in milliseconds) and sizes (in bytes) as numbers, everything else as a string.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TypedArg.Str.class, name = "str"),
        @JsonSubTypes.Type(value = TypedArg.Int.class, name = "int")})
public sealed interface TypedArg {

    /** The argument as text: what the runtime uses where a type does not matter. */
    String text();

    /** A string argument (a header name, a table, a variable, a file, ...). */
    record Str(String value) implements TypedArg {

        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return value;
        }
    }

    /** An integer argument; a time in milliseconds or a size in bytes when the keyword takes one. */
    record Int(long value) implements TypedArg {

        @Override
        public String text() {
            return Long.toString(value);
        }
    }
}
