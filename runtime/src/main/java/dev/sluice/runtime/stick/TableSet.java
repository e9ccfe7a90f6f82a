package dev.sluice.runtime.stick;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stick tables of one plan, by name: a proxy's table under the proxy's name, a peers
 * section's as {@code PEERS/TABLE}. Immutable.
 */
public final class TableSet {

    /** No table at all. */
    public static final TableSet EMPTY = new TableSet(Map.of());

    private final Map<String, StickTable> tables;

    TableSet(Map<String, StickTable> tables) {
        this.tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The table named {@code name}, or null. */
    public StickTable get(String name) {
        return tables.get(name);
    }

    /** Every table, in the plan's order. */
    public Collection<StickTable> all() {
        return tables.values();
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }
}
