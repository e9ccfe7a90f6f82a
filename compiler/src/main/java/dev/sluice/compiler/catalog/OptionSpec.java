package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An option of a {@code bind} line or of a {@code server} / {@code default-server} line.
 *
 * @param kind which lines take it
 * @param name the option's word ({@code ssl}, {@code crt}, {@code check}, {@code inter})
 * @param since the first catalogued version that has it
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param values how many words follow it (0 for {@code check}, 1 for {@code inter 2s}); for server
 *     options the least it takes
 * @param moreValues true when it may take more words than {@link #values()}, which it recognises
 *     itself ({@code source <addr> usesrc client})
 * @param valueType the type of its value when it takes one
 * @param syntax the manual's heading lines for it
 * @param defaultServer for server options: true when {@code default-server} accepts it too
 * @param dynamic for server options: true when {@code add server} on the CLI accepts it
 * @param deprecatedSince the first catalogued version that marks it deprecated
 * @param documented false when the manual does not describe it
 * @param removedMessage HAProxy's message when it now only reports the option as removed
 */
public record OptionSpec(Kind kind, String name, HaproxyVersion since, Optional<HaproxyVersion> last, int values,
        boolean moreValues, Optional<ArgSpec> valueType, List<String> syntax, boolean defaultServer, boolean dynamic,
        Optional<HaproxyVersion> deprecatedSince, boolean documented, Optional<String> removedMessage) {

    /** The lines an option belongs to. */
    public enum Kind {
        BIND,
        SERVER
    }

    public OptionSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(valueType, "valueType");
        syntax = List.copyOf(syntax);
        Objects.requireNonNull(deprecatedSince, "deprecatedSince");
        Objects.requireNonNull(removedMessage, "removedMessage");
    }

    /** True when the option is a flag, with no value. */
    public boolean isFlag() {
        return values == 0 && !moreValues;
    }
}
