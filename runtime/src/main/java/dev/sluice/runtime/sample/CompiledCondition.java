package dev.sluice.runtime.sample;

/**
 * A compiled rule condition: OR-ed groups of AND-ed terms, each an ACL (named or anonymous, its
 * definitions OR-ed) possibly negated, the whole inverted for {@code unless}. A term whose sample
 * is missing does not match, so its negation does. Immutable and shared by every thread.
 */
public final class CompiledCondition {

    /** The condition of a rule that has none: always true. */
    public static final CompiledCondition ALWAYS = new CompiledCondition(true, new Term[0][], "");

    private final boolean unless;
    private final Term[][] groups;
    private final String text;

    CompiledCondition(boolean unless, Term[][] groups, String text) {
        this.unless = unless;
        this.groups = groups;
        this.text = text;
    }

    /** True when the rule applies to {@code x}. */
    public boolean test(Exchange x) {
        boolean any = false;
        for (Term[] group : groups) {
            boolean all = true;
            for (Term t : group) {
                if (!t.test(x)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                any = true;
                break;
            }
        }
        return unless != any;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One term: an ACL's expressions, OR-ed, and whether it is negated. */
    static final class Term {

        private final AclMatcher[] matches;
        private final boolean negated;

        Term(AclMatcher[] matches, boolean negated) {
            this.matches = matches;
            this.negated = negated;
        }

        boolean test(Exchange x) {
            boolean matched = false;
            for (AclMatcher m : matches) {
                if (m.test(x)) {
                    matched = true;
                    break;
                }
            }
            return matched != negated;
        }
    }
}
