package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A keyword of one section type, as one HAProxy version knows it.
 *
 * @param section the section type ({@code global}, {@code frontend}, {@code peers}, ...)
 * @param name the keyword, its words separated by one space: {@code maxconn}, {@code timeout connect},
 *     {@code option httplog}, {@code capture request header}
 * @param since the first catalogued version that has it in this section
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param usage how the section treats it
 * @param negatable true when {@code no} and {@code default} may precede it
 * @param deprecatedSince the first catalogued version whose manual or source marks it deprecated
 * @param experimental true when it needs {@code expose-experimental-directives}
 * @param documented false when the manual does not describe it (the parser accepts it)
 * @param registered false when only the manual names it (e.g. a keyword of an optional addon)
 * @param syntax the manual's heading lines for it (several when it has several forms)
 * @param args its arguments, typed from the heading; a single {@link ArgType#REST} when unclear
 * @param minArgs the fewest arguments it takes (conservative: 0 or 1)
 * @param maxArgs the most arguments the parser accepts after the keyword's first word, when it checks
 * @param ruleSet for rule keywords ({@code http-request}, {@code tcp-request content}, ...): the rule
 *     set whose actions follow, for {@link CatalogView#action(String, String)}
 */
public record KeywordSpec(String section, String name, HaproxyVersion since, Optional<HaproxyVersion> last,
        Usage usage, boolean negatable, Optional<HaproxyVersion> deprecatedSince, boolean experimental,
        boolean documented, boolean registered, List<String> syntax, List<ArgSpec> args, int minArgs,
        OptionalInt maxArgs, Optional<String> ruleSet) {

    public KeywordSpec {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(deprecatedSince, "deprecatedSince");
        syntax = List.copyOf(syntax);
        args = List.copyOf(args);
        Objects.requireNonNull(maxArgs, "maxArgs");
        Objects.requireNonNull(ruleSet, "ruleSet");
    }

    /** The keyword's words: {@code [timeout, connect]}. */
    public List<String> words() {
        return List.of(name.split(" "));
    }

    /** True unless HAProxy ignores the keyword in this section (with a warning). */
    public boolean effective() {
        return usage != Usage.IGNORED;
    }

    /** True when the keyword is deprecated in the version this spec describes. */
    public boolean deprecated() {
        return deprecatedSince.isPresent();
    }
}
