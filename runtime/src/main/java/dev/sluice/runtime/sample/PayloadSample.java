package dev.sluice.runtime.sample;

/**
 * What a payload fetch found in a {@link Payload}: a value or none, and whether more bytes could
 * change that ({@code mayChange}: the bytes it needs have not all arrived, or, for {@code req.len},
 * any byte that arrives), in which case a rule waiting for content may wait for more, as HAProxy's
 * "may change" samples make it.
 */
record PayloadSample(SampleValue value, boolean mayChange) {

    /** No value, and more bytes would not give one. */
    static final PayloadSample NONE = new PayloadSample(null, false);

    /** No value yet: the bytes it needs have not all arrived. */
    static final PayloadSample SHORT = new PayloadSample(null, true);

    /** A value more bytes would not change. */
    static PayloadSample of(SampleValue v) {
        return new PayloadSample(v, false);
    }
}
