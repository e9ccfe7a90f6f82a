package dev.sluice.lint;

import java.util.List;

/**
 * Findings that come from the linter itself rather than from a rule: a configuration that does
 * not parse, one that does not compile (so rules that need the compiled form are skipped), and a
 * rule id that does not exist in a suppression comment or the lint configuration.
 */
public final class MetaRules {

    public static final RuleMeta PARSE_ERROR = new RuleMeta("parse-error", Severity.ERROR, Family.CORRECTNESS,
            "The configuration does not parse");
    public static final RuleMeta NOT_COMPILED = new RuleMeta("not-compiled", Severity.INFO, Family.CORRECTNESS,
            "The configuration does not compile, so rules that need its compiled form were skipped");
    public static final RuleMeta UNKNOWN_RULE = new RuleMeta("unknown-rule", Severity.WARNING, Family.CORRECTNESS,
            "A suppression comment or the lint configuration names a rule that does not exist");

    public static final List<RuleMeta> ALL = List.of(PARSE_ERROR, NOT_COMPILED, UNKNOWN_RULE);

    /** {@code " (did you mean 'x'?)"} for the known id closest to {@code id}, or "" when none is close. */
    public static String didYouMean(String id, java.util.Collection<String> known) {
        return dev.sluice.compiler.Suggestions.closest(id, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private MetaRules() {
    }
}
