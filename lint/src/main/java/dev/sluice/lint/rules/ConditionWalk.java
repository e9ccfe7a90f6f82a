package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.SampleCall;
import dev.sluice.compiler.plan.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Reading compiled conditions: the ACL expressions behind their terms, and what they test. */
final class ConditionWalk {

    private ConditionWalk() {
    }

    /** The expressions a term stands for: a named ACL's definitions, or the anonymous one. */
    static List<AclMatch> matches(Term term) {
        List<AclMatch> found = new ArrayList<>();
        term.accept(new Term.Visitor<Void>() {
            @Override
            public Void visitAclRef(Term.AclRef ref) {
                found.addAll(ref.matches());
                return null;
            }

            @Override
            public Void visitAnonymous(Term.Anonymous anonymous) {
                found.add(anonymous.match());
                return null;
            }
        });
        return found;
    }

    /** True when an expression of the condition, in any group, satisfies {@code test}. */
    static boolean any(Condition condition, Predicate<AclMatch> test) {
        if (condition == null) {
            return false;
        }
        for (List<Term> group : condition.or()) {
            if (anyIn(group, test)) {
                return true;
            }
        }
        return false;
    }

    /** True when an expression of one of {@code terms} satisfies {@code test}. */
    static boolean anyIn(List<Term> terms, Predicate<AclMatch> test) {
        for (Term t : terms) {
            for (AclMatch m : matches(t)) {
                if (test.test(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the expression tests the client's address ({@code src}, {@code LOCALHOST}). */
    static boolean testsSource(AclMatch m) {
        String fetch = m.criterion().fetch();
        return fetch.equals("src") || fetch.equals("src_is_local");
    }

    /**
     * True when the sample is a request header's value ({@code hdr}, {@code req.hdr},
     * {@code req.fhdr}, {@code hdr_ip}, {@code hdr_beg}, ...) and the header is one of
     * {@code names} (lower case).
     */
    static boolean readsHeader(SampleCall call, List<String> names) {
        if (call == null || call.args().isEmpty()) {
            return false;
        }
        String f = call.fetch();
        boolean header = f.equals("hdr") || f.equals("fhdr") || f.startsWith("hdr_") || f.startsWith("req.hdr")
                || f.startsWith("req.fhdr");
        return header && names.contains(call.args().get(0).text().toLowerCase(Locale.ROOT));
    }
}
