package dev.sluice.lint;

/**
 * One best-practice rule. Implementations are stateless: everything they look at comes from the
 * {@link LintContext}, everything they find goes to the {@link Findings} sink, which fills in the
 * rule's id and (possibly re-graded) severity.
 */
public interface Rule {

    RuleMeta meta();

    void check(LintContext context, Findings findings);
}
