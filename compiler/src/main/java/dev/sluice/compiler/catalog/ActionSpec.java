package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An action of a rule set ({@code http-request deny}, {@code tcp-request content accept}).
 *
 * @param ruleSet the rule set: {@code http-request}, {@code http-response}, {@code http-after-response},
 *     {@code tcp-request connection}, {@code tcp-request session}, {@code tcp-request content},
 *     {@code tcp-response content} or {@code quic-initial}
 * @param name the action's word ({@code set-var} for {@code set-var(txn.x)})
 * @param since the first catalogued version that has it in this rule set
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param isFinal true when it ends the evaluation of the rule set (allow, deny, redirect, return, ...)
 * @param prefix true when HAProxy matches it as a prefix ({@code track-sc} matches {@code track-sc0})
 * @param syntax the manual's heading lines for it
 * @param deprecatedSince the first catalogued version that marks it deprecated
 */
public record ActionSpec(String ruleSet, String name, HaproxyVersion since, Optional<HaproxyVersion> last,
        boolean isFinal, boolean prefix, List<String> syntax, Optional<HaproxyVersion> deprecatedSince) {

    public ActionSpec {
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        syntax = List.copyOf(syntax);
        Objects.requireNonNull(deprecatedSince, "deprecatedSince");
    }
}
