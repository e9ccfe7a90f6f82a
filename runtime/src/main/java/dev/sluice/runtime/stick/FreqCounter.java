package dev.sluice.runtime.stick;

/**
 * HAProxy's frequency counter over a period, kept in three slots of an entry's array: the start
 * of the current period, the events counted in it, and the events of the period before. Its rate
 * is a sliding estimate: the current period's events, plus the previous period's weighted by the
 * part of the period not elapsed yet. A period starts with the first event after a quiet one;
 * after two periods without an event the rate is 0. Callers hold the entry's lock.
 */
final class FreqCounter {

    /** The start of a period long past: a fresh counter rotates at its first event. */
    static final long NEVER = Long.MIN_VALUE / 4;

    private static final int TICK = 0;
    private static final int CURR = 1;
    private static final int PREV = 2;

    private FreqCounter() {
    }

    /** A counter with no event. */
    static void reset(long[] d, int at) {
        d[at + TICK] = NEVER;
        d[at + CURR] = 0;
        d[at + PREV] = 0;
    }

    /** Counts {@code n} events at {@code now}; returns the events counted in the current period. */
    static long add(long[] d, int at, long periodMs, long now, long n) {
        if (now - d[at + TICK] < periodMs) {
            d[at + CURR] = (d[at + CURR] + n) & 0xFFFF_FFFFL;
            return d[at + CURR];
        }
        // the period is over: the current count becomes the previous one
        long tick = d[at + TICK] + periodMs;
        d[at + PREV] = d[at + CURR];
        if (now - tick >= periodMs) {
            // two periods or more without an event: nothing left to remember
            d[at + PREV] = 0;
            tick = now;
        }
        d[at + TICK] = tick;
        d[at + CURR] = n & 0xFFFF_FFFFL;
        return d[at + CURR];
    }

    /** The rate at {@code now}: events per period, as HAProxy's {@code read_freq_ctr_period} reads it. */
    static long read(long[] d, int at, long periodMs, long now) {
        long curr = d[at + CURR];
        long past = d[at + PREV];
        long remain = d[at + TICK] + periodMs - now;
        if (remain < 0) {
            // past the current period: part of it may still count as the previous one
            remain += periodMs;
            past = remain >= 0 ? curr : 0;
            curr = 0;
        }
        if (curr == 0 && past <= 1) {
            // at very low rates the previous period counts whole, so the rate does not flap
            return past;
        }
        return (past * remain + curr * periodMs) / periodMs;
    }

    /** Sets the rate to {@code value} for a whole period from {@code now}, as {@code set table} does. */
    static void set(long[] d, int at, long now, long value) {
        d[at + TICK] = now;
        d[at + CURR] = value & 0xFFFF_FFFFL;
        d[at + PREV] = 0;
    }
}
