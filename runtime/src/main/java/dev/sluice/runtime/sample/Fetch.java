package dev.sluice.runtime.sample;

/**
 * A compiled sample fetch. Immutable and shared by every thread. A fetch that has several values
 * (a header's occurrences, a repeated cookie or parameter) gives one to a sample expression and
 * all of them to an ACL, which matches when any of them does.
 */
abstract class Fetch {

    /** The fetch's result in a sample expression, or null for "no sample". */
    abstract SampleValue fetch(Exchange x);

    /** Offers each value an ACL sees to {@code sink}, in order, until it accepts one. */
    boolean anyMatch(Exchange x, ValueSink sink) {
        SampleValue v = fetch(x);
        return v != null && sink.accept(v, x);
    }

    /**
     * True when more bytes of the request could change what this fetch gives: a payload fetch
     * whose bytes have not all arrived ({@link Payload}). Others never change.
     */
    boolean mayChange(Exchange x) {
        return false;
    }

    /** A fetch of a single value, given as a function. */
    static Fetch of(java.util.function.Function<Exchange, SampleValue> f) {
        return new Fetch() {
            @Override
            SampleValue fetch(Exchange x) {
                return f.apply(x);
            }
        };
    }

    /** A fetch that always gives the same value. */
    static Fetch constant(SampleValue v) {
        return new Fetch() {
            @Override
            SampleValue fetch(Exchange x) {
                return v;
            }
        };
    }
}
