package dev.sluice.runtime.sample;

/**
 * A compiled rule condition: OR-ed groups of AND-ed terms, each an ACL (named or anonymous, its
 * definitions OR-ed) possibly negated, the whole inverted for {@code unless}. A term whose sample
 * is missing does not match, so its negation does. Immutable and shared by every thread.
 *
 * <p>While a TCP stream's content rules wait for its first bytes ({@code tcp-request
 * inspect-delay}), an ACL on bytes that have not all arrived is neither true nor false but
 * {@link Outcome#NOT_YET}, as in HAProxy: a negation leaves it so, an AND stops at it (after a
 * false term it is false), an OR gives true if another group is true, else not yet.
 */
public final class CompiledCondition {

    /** Whether a condition, or one of its terms, holds on what has arrived so far. */
    public enum Outcome {
        /** It does not hold. */
        NO,
        /** More bytes of the request could change that: a rule waits for them. */
        NOT_YET,
        /** It holds. */
        YES
    }

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

    /** True when the rule applies to {@code x} (an ACL that could still change counts as false). */
    public boolean test(Exchange x) {
        return applies(x) == Outcome.YES;
    }

    /**
     * Whether the rule applies to {@code x}, {@code unless} taken into account, or
     * {@link Outcome#NOT_YET} when that depends on request bytes still to come.
     */
    public Outcome applies(Exchange x) {
        Outcome any = Outcome.NO;
        for (Term[] group : groups) {
            Outcome all = Outcome.YES;
            for (Term t : group) {
                all = t.test(x);
                if (all != Outcome.YES) {
                    break;
                }
            }
            if (all == Outcome.YES) {
                any = Outcome.YES;
                break;
            }
            if (all == Outcome.NOT_YET) {
                any = Outcome.NOT_YET;
            }
        }
        return any == Outcome.NOT_YET ? any : (any == Outcome.YES) != unless ? Outcome.YES : Outcome.NO;
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

        Outcome test(Exchange x) {
            Outcome matched = Outcome.NO;
            for (AclMatcher m : matches) {
                Outcome o = m.matches(x);
                if (o == Outcome.YES) {
                    matched = o;
                    break;
                }
                if (o == Outcome.NOT_YET) {
                    matched = o;
                }
            }
            if (matched == Outcome.NOT_YET || !negated) {
                return matched;
            }
            return matched == Outcome.YES ? Outcome.NO : Outcome.YES;
        }
    }
}
