package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sample fetch ({@code src}, {@code req.hdr}, {@code ssl_fc}).
 *
 * @param name its name
 * @param since the first catalogued version that has it
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param args its arguments, in order
 * @param minArgs how many arguments it requires
 * @param maxArgs how many it accepts
 * @param argsUnknown true when its argument mask could not be read: accept any
 * @param output its output type ({@code str}, {@code sint}, {@code bool}, {@code ipv4}, {@code addr},
 *     {@code bin}, {@code meth}, {@code any}, ...)
 * @param use the sources it reads (HAProxy's {@code SMP_USE_*} names without the prefix)
 * @param usableIn where it may be used: {@code tcp-request connection}, {@code tcp-request session},
 *     {@code tcp-request content}, {@code http-request}, {@code use_backend}, {@code use-server},
 *     {@code tcp-response content}, {@code http-response}, {@code http-after-response},
 *     {@code stick store-response}, {@code log}, {@code tcp-check}, {@code config}, {@code cli}
 */
public record FetchSpec(String name, HaproxyVersion since, Optional<HaproxyVersion> last, List<SampleArg> args,
        int minArgs, int maxArgs, boolean argsUnknown, String output, List<String> use, Set<String> usableIn) {

    public FetchSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        args = List.copyOf(args);
        Objects.requireNonNull(output, "output");
        use = List.copyOf(use);
        usableIn = Set.copyOf(usableIn);
    }

    /** True when the fetch may be used in {@code place} (a rule set or one of {@link #usableIn()}'s names). */
    public boolean usableIn(String place) {
        return usableIn.contains(place);
    }
}
