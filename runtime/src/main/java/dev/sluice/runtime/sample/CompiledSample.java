package dev.sluice.runtime.sample;

/**
 * A compiled sample expression: a fetch and its converters. Immutable, shared by every thread;
 * evaluation never blocks and reads no file.
 */
public final class CompiledSample {

    private final String text;
    private final Fetch fetch;
    private final Converter[] converters;

    CompiledSample(String text, Fetch fetch, Converter[] converters) {
        this.text = text;
        this.fetch = fetch;
        this.converters = converters;
    }

    /** The sample, or null when there is none (the fetch found nothing or a converter failed). */
    public SampleValue evaluate(Exchange x) {
        SampleValue v = fetch.fetch(x);
        return v == null ? null : convert(v, x);
    }

    /** The sample as a string, as HAProxy prints it; null when there is none. */
    public String evaluateString(Exchange x) {
        SampleValue v = evaluate(x);
        return v == null ? null : v.asString();
    }

    /** Offers every value the expression has for an ACL to {@code sink}, until it accepts one. */
    boolean anyMatch(Exchange x, ValueSink sink) {
        return fetch.anyMatch(x, sink);
    }

    /** True when more request bytes could change what the fetch gives ({@link Payload}). */
    boolean mayChange(Exchange x) {
        return fetch.mayChange(x);
    }

    /** {@code matcher} behind this expression's converters, for {@link #anyMatch}. */
    ValueSink through(ValueSink matcher) {
        if (converters.length == 0) {
            return matcher;
        }
        return (v, x) -> {
            SampleValue c = convert(v, x);
            return c != null && matcher.accept(c, x);
        };
    }

    private SampleValue convert(SampleValue v, Exchange x) {
        for (Converter c : converters) {
            v = c.apply(v, x);
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    /** The expression as written, e.g. {@code req.hdr(host),lower}. */
    @Override
    public String toString() {
        return text;
    }
}
