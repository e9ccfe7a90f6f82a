package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sample converter ({@code lower}, {@code map_str}, {@code base64}).
 *
 * @param name its name
 * @param since the first catalogued version that has it
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param args its arguments, in order
 * @param minArgs how many arguments it requires
 * @param maxArgs how many it accepts
 * @param argsUnknown true when its argument mask could not be read: accept any
 * @param input the sample type it expects
 * @param output the sample type it produces
 */
public record ConverterSpec(String name, HaproxyVersion since, Optional<HaproxyVersion> last, List<SampleArg> args,
        int minArgs, int maxArgs, boolean argsUnknown, String input, String output) {

    public ConverterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        args = List.copyOf(args);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }
}
