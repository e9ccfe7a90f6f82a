package dev.sluice.runtime.stick;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where each stored data type lives in an entry's {@code long[]}: a counter takes one slot, a rate
 * three (the start of its current period, the events in it, the events in the previous one), an
 * array N times that. {@code server_key} is held beside the array, as a string. Immutable.
 */
final class Layout {

    /** One stored data type: its period when it is a rate, its size when it is an array. */
    record Stored(DataType type, long periodMs, int elements) {

        Stored {
            Objects.requireNonNull(type, "type");
            if (type.isRate() && periodMs <= 0) {
                throw new IllegalArgumentException(type.keyword() + " needs a period");
            }
            if (elements < 1) {
                throw new IllegalArgumentException(type.keyword() + " needs at least one element");
            }
        }
    }

    private static final int TYPES = DataType.values().length;

    private final int[] offsets = new int[TYPES];
    private final int[] elements = new int[TYPES];
    private final long[] periods = new long[TYPES];
    private final List<Stored> stored;
    private final int slots;

    Layout(List<Stored> stored) {
        this.stored = List.copyOf(stored);
        Arrays.fill(offsets, -1);
        int next = 0;
        for (Stored s : this.stored) {
            int t = s.type().ordinal();
            if (offsets[t] >= 0) {
                throw new IllegalArgumentException(s.type().keyword() + " is stored twice");
            }
            offsets[t] = next;
            elements[t] = s.type().isArray() ? s.elements() : 1;
            periods[t] = s.periodMs();
            next += elements[t] * width(s.type());
        }
        this.slots = next;
    }

    private static int width(DataType t) {
        return t.isRate() ? 3 : t == DataType.SERVER_KEY ? 0 : 1;
    }

    /** The stored data types, as configured. */
    List<Stored> stored() {
        return stored;
    }

    /** The number of {@code long} slots an entry needs. */
    int slots() {
        return slots;
    }

    boolean stores(DataType t) {
        return offsets[t.ordinal()] >= 0;
    }

    /** The elements stored of {@code t}: 0 when it is not stored, 1 for a scalar. */
    int elements(DataType t) {
        return offsets[t.ordinal()] < 0 ? 0 : elements[t.ordinal()];
    }

    /** The slot of element {@code index} of {@code t}, or -1 when it is not stored. */
    int offset(DataType t, int index) {
        int o = offsets[t.ordinal()];
        if (o < 0 || index < 0 || index >= elements[t.ordinal()]) {
            return -1;
        }
        return o + index * width(t);
    }

    /** The period of rate {@code t}, in milliseconds. */
    long period(DataType t) {
        return periods[t.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.stored.equals(stored);
    }

    @Override
    public int hashCode() {
        return stored.hashCode();
    }
}
