package dev.sluice.runtime.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second, as HAProxy's frequency counters measure them: the events of the current
 * second, plus those of the previous second weighted by the part of it that is still within the
 * last 1,000 ms. Also keeps the highest rate seen.
 *
 * <p>Thread-safe and lock-free: one compare-and-set per event in the common case.
 */
public final class Rate {

    /** The current second (upper 32 bits) and its count (lower 32 bits). */
    private final AtomicLong current = new AtomicLong();
    /** The same for the second before {@link #current}'s, written when a second rolls over. */
    private volatile long previous;
    private final AtomicLong max = new AtomicLong();

    /** Counts one event at {@code nowMs} (milliseconds since the epoch). */
    public void add(long nowMs) {
        long second = (nowMs / 1000) & 0xffff_ffffL;
        while (true) {
            long c = current.get();
            if (c >>> 32 == second) {
                if (current.compareAndSet(c, c + 1)) {
                    break;
                }
            } else if (current.compareAndSet(c, second << 32 | 1)) {
                previous = c;
                break;
            }
        }
        long rate = read(nowMs);
        long m = max.get();
        while (rate > m && !max.compareAndSet(m, rate)) {
            m = max.get();
        }
    }

    /** Events per second at {@code nowMs}. */
    public long read(long nowMs) {
        long second = (nowMs / 1000) & 0xffff_ffffL;
        long c = current.get();
        long p = previous;
        long now;
        long before;
        if (c >>> 32 == second) {
            now = c & 0xffff_ffffL;
            before = p >>> 32 == ((second - 1) & 0xffff_ffffL) ? p & 0xffff_ffffL : 0;
        } else if (c >>> 32 == ((second - 1) & 0xffff_ffffL)) {
            now = 0;
            before = c & 0xffff_ffffL;
        } else {
            return 0;
        }
        return now + before * (1000 - nowMs % 1000) / 1000;
    }

    /** The highest rate {@link #add} saw. */
    public long max() {
        return max.get();
    }
}
