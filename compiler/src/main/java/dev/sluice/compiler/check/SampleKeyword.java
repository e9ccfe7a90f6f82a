package dev.sluice.compiler.check;

import java.util.List;
import java.util.Objects;

/**
 * A sample fetch or converter as HAProxy declares it: what its argument mask says, which types
 * it reads and produces, and which sources it reads.
 *
 * @param name its name ({@code req.hdr}, {@code bytes})
 * @param argTypes the type of each argument it accepts, in order, in HAProxy's names without the
 *     {@code ARGT_} prefix ({@code STR}, {@code SINT}, {@code TIME}, {@code MSK4}, ...)
 * @param minArgs how many of them are mandatory
 * @param argsUnknown true when the catalog could not read the mask: any arguments pass
 * @param input for a converter, the sample type it takes ({@code str}, {@code sint}, {@code any}, ...);
 *     empty for a fetch
 * @param output the sample type it produces
 * @param use for a fetch, the sources it reads (HAProxy's {@code SMP_USE_*} names without the
 *     prefix: {@code HRQHV}, {@code L4CLI}, ...); empty for a converter
 */
public record SampleKeyword(String name, List<String> argTypes, int minArgs, boolean argsUnknown, String input,
        String output, List<String> use) {

    /** The sources whose use makes HAProxy prepare HTTP processing (its SMP_USE_HTTP_ANY). */
    private static final List<String> HTTP_SOURCES = List.of("HRQHV", "HRQHP", "HRQBO", "HRSHV", "HRSHP", "HRSBO");

    public SampleKeyword {
        Objects.requireNonNull(name, "name");
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        use = List.copyOf(use);
    }

    /** True when the fetch reads an HTTP request or response, which makes HAProxy mark its proxy as needing HTTP. */
    public boolean usesHttp() {
        for (String source : use) {
            if (HTTP_SOURCES.contains(source)) {
                return true;
            }
        }
        return false;
    }
}
