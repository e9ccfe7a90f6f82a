package dev.sluice.compiler.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Defensive copies for the plan's records: immutable, null-free, maps sorted by key. */
final class Copies {

    private Copies() {}

    /** An unmodifiable copy sorted by key; refuses null keys and values. */
    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        Objects.requireNonNull(map, "map");
        TreeMap<String, V> copy = new TreeMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Like {@link #sorted(Map)}, the values being lists, copied too. */
    static SortedMap<String, List<String>> sortedLists(Map<String, List<String>> map) {
        Objects.requireNonNull(map, "map");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "key"), List.copyOf(e.getValue()));
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
