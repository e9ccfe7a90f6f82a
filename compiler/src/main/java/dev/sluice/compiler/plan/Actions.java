package dev.sluice.compiler.plan;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds rules, compiling the argument of the actions known to take a sample expression or a
 * log-format string. The words stay in {@link Rule#args()} as well; an argument that does not
 * compile is left as words only.
 */
final class Actions {

    /** Actions whose first argument is a sample expression (matched on the word before any parenthesis). */
    private static final Set<String> SAMPLE_FIRST = Set.of("set-var", "set-src", "set-dst", "set-src-port",
            "set-dst-port", "capture", "set-priority-class", "set-priority-offset", "do-resolve", "set-fc-mark",
            "set-fc-tos", "set-bc-mark", "set-bc-tos");

    /** Actions with a log-format argument, and its index among the arguments. */
    private static final Map<String, Integer> FORMAT_AT = Map.ofEntries(
            Map.entry("set-header", 1), Map.entry("add-header", 1), Map.entry("early-hint", 1),
            Map.entry("replace-header", 2), Map.entry("replace-value", 2),
            Map.entry("replace-path", 1), Map.entry("replace-pathq", 1), Map.entry("replace-uri", 1),
            Map.entry("set-path", 0), Map.entry("set-pathq", 0), Map.entry("set-uri", 0), Map.entry("set-query", 0),
            Map.entry("set-method", 0), Map.entry("set-var-fmt", 0), Map.entry("set-map", 0),
            Map.entry("add-acl", 0), Map.entry("del-acl", 0), Map.entry("del-map", 0));

    /** Actions that answer with a reply, whose {@code lf-string} body is a log-format. */
    private static final java.util.Set<String> REPLIES = java.util.Set.of("return", "deny", "tarpit");

    private final Expressions expressions;

    Actions(Expressions expressions) {
        this.expressions = expressions;
    }

    Rule rule(String action, List<String> args, Condition condition, SourceSpan at) {
        String stem = action.contains("(") ? action.substring(0, action.indexOf('(')) : action;
        SampleCall sample = null;
        Format format = null;
        if ((stem.startsWith("track-sc") || SAMPLE_FIRST.contains(stem)) && !args.isEmpty()) {
            sample = expressions.sampleOrNull(args.get(0), at);
        } else if (stem.startsWith("sc-set-gpt") && !args.isEmpty() && !args.get(0).matches("[-+]?[0-9]+")) {
            // an integer, else a sample expression, as HAProxy reads it
            sample = expressions.sampleOrNull(args.get(0), at);
        }
        Integer index = FORMAT_AT.get(stem);
        if (stem.equals("redirect") && args.size() > 1) {
            index = 1;
        }
        if (REPLIES.contains(stem) && args.contains("lf-string")) {
            index = args.indexOf("lf-string") + 1; // the body of the reply
        }
        if (index != null && index < args.size()) {
            format = expressions.formatOrNull(args.get(index), at);
        }
        return new Rule(action, args, sample, format, condition);
    }
}
