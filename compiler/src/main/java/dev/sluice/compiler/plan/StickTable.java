package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stick table: a proxy's {@code stick-table} (named after the proxy) or a {@code table} of a
 * peers section.
 *
 * @param name the table's name
 * @param type {@code ip}, {@code ipv6}, {@code integer}, {@code string} or {@code binary}
 * @param keyLength {@code len}, or null
 * @param size how many entries, the {@code k}/{@code m}/{@code g} suffix applied
 * @param expireMs {@code expire}, or null
 * @param noPurge {@code nopurge}
 * @param peers {@code peers}: the peers section that synchronizes it, or null
 * @param store the data stored per entry, sorted by name
 * @param options the other parameters, each to the words after it
 */
public record StickTable(String name, String type, Integer keyLength, long size, Long expireMs, boolean noPurge,
        String peers, List<StoredData> store, Map<String, List<String>> options) {

    public StickTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        store = List.copyOf(store);
        options = Copies.sortedLists(options);
    }

    /**
     * One data type stored per entry, e.g. {@code http_req_rate(10s)} or {@code gpc(2)}.
     *
     * @param name the data type
     * @param periodMs for a rate, its period; otherwise null
     * @param elements for an array ({@code gpc(N)}, {@code gpt(N)}), its size; otherwise null
     */
    public record StoredData(String name, Long periodMs, Integer elements) {

        public StoredData {
            Objects.requireNonNull(name, "name");
        }
    }
}
