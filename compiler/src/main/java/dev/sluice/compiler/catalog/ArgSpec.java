package dev.sluice.compiler.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One argument of a keyword, from the placeholder in the manual's heading line
 * ({@code timeout connect <timeout>}) and what the parser's code shows.
 *
 * @param name the placeholder's name ({@code timeout}), or a literal word the syntax requires
 * @param type its type; {@link ArgType#STRING} or {@link ArgType#REST} when unsure
 * @param optional true when it may be left out
 * @param repeat true when it may be given several times
 * @param values for {@link ArgType#ENUM}: the accepted words
 * @param unit for {@link ArgType#TIME}: the default unit ({@code ms} or {@code s})
 * @param min the smallest accepted value, when the parser enforces one
 * @param max the largest accepted value, when the parser enforces one
 */
public record ArgSpec(String name, ArgType type, boolean optional, boolean repeat, List<String> values,
        Optional<String> unit, OptionalLong min, OptionalLong max) {

    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /** Free words that take the rest of the line. */
    public static ArgSpec rest() {
        return new ArgSpec("args", ArgType.REST, true, false, List.of(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }
}
