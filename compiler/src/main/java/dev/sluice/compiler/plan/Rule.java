package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A rule of one of the rule sets ({@code http-request}, {@code tcp-request content}, ...).
 *
 * @param action the action's keyword, e.g. {@code set-header}, {@code track-sc0}, {@code set-var(txn.x)}
 * @param args the words between the action and the condition, decoded
 * @param sample for actions that take a sample expression ({@code track-sc*}, {@code set-var},
 *     {@code set-src}, {@code capture}, {@code sc-set-gpt0} with an expression, ...), that expression
 *     compiled; otherwise null
 * @param format for actions that take a log-format string ({@code set-header}, {@code add-header},
 *     {@code set-path}, {@code set-var-fmt}, ...), that string compiled; otherwise null
 * @param condition the condition, or null when the rule always applies
 */
public record Rule(String action, List<String> args, SampleCall sample, Format format, Condition condition) {

    public Rule {
        Objects.requireNonNull(action, "action");
        args = List.copyOf(args);
    }
}
