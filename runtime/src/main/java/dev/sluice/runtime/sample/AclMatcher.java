package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.MatchMethod;
import java.util.List;
import java.util.Set;

/**
 * One compiled ACL expression ({@code hdr_beg(host) -i www.}): true when any value of its sample
 * matches any of its patterns, with HAProxy's match methods and flags. Immutable and shared by
 * every thread.
 */
public final class AclMatcher {

    private static final Set<String> KNOWN_METHODS =
            Set.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT");

    private final String text;
    private final CompiledSample criterion;
    private final ValueSink sink;

    private AclMatcher(String text, CompiledSample criterion, ValueSink matcher) {
        this.text = text;
        this.criterion = criterion;
        this.sink = criterion.through(matcher);
    }

    /** True when the expression matches: a sample was found and one of its values matches. */
    public boolean test(Exchange x) {
        return criterion.anyMatch(x, sink);
    }

    /**
     * Whether the expression matches, or, when it does not, whether request bytes still awaited
     * could make it ({@link CompiledCondition.Outcome#NOT_YET}; never once no more are awaited).
     */
    CompiledCondition.Outcome matches(Exchange x) {
        if (criterion.anyMatch(x, sink)) {
            return CompiledCondition.Outcome.YES;
        }
        Payload p = x.payload();
        return p != null && !p.last() && criterion.mayChange(x)
                ? CompiledCondition.Outcome.NOT_YET : CompiledCondition.Outcome.NO;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Compiles an expression whose patterns are already gathered (inline ones, then the lines of
     * its files).
     */
    static AclMatcher create(String text, CompiledSample criterion, MatchMethod method, boolean ignoreCase,
            List<String> patterns) {
        return new AclMatcher(text, criterion, matcher(text, method, ignoreCase, patterns));
    }

    private static ValueSink matcher(String origin, MatchMethod method, boolean ignoreCase, List<String> patterns) {
        switch (method) {
            case FOUND:
                return (v, x) -> true;
            case BOOL:
                return (v, x) -> {
                    SampleValue n = v.castTo(SampleType.SINT);
                    return n != null && n.longValue() != 0;
                };
            case IP: {
                PatternSet set = PatternSet.compile(method, false, patterns, origin);
                return (v, x) -> {
                    SampleValue a = v.castToAddress();
                    return a != null && set.find(a) >= 0;
                };
            }
            default: {
                PatternSet set = PatternSet.compile(method, ignoreCase, patterns, origin);
                SampleType input = set.input();
                ValueSink general = (v, x) -> {
                    SampleValue c = v.castTo(input);
                    return c != null && set.find(c) >= 0;
                };
                if (method != MatchMethod.STR) {
                    return general;
                }
                ValueSink methods = methodMatcher(patterns, ignoreCase);
                return (v, x) -> v.type() == SampleType.METH ? methods.accept(v, x) : general.accept(v, x);
            }
        }
    }

    /**
     * HAProxy's method matching: a well-known method pattern ({@code GET}, {@code POST}, ...) matches
     * exactly that method; another pattern matches a method that is not a well-known one, as a
     * string, ignoring case with {@code -i}. So {@code method -i get} matches {@code get} but not
     * {@code GET}.
     */
    private static ValueSink methodMatcher(List<String> patterns, boolean ignoreCase) {
        String[] p = patterns.toArray(String[]::new);
        return (v, x) -> {
            String m = v.stringValue();
            boolean known = KNOWN_METHODS.contains(m);
            for (String pattern : p) {
                if (KNOWN_METHODS.contains(pattern)) {
                    if (pattern.equals(m)) {
                        return true;
                    }
                } else if (!known && pattern.length() == m.length()
                        && Bytes.regionMatches(pattern, 0, m, 0, m.length(), ignoreCase)) {
                    return true;
                }
            }
            return false;
        };
    }
}
