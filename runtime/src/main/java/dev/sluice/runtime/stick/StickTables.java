package dev.sluice.runtime.stick;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Peers;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.StickRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every stick table of the proxy, across reloads: the registry the runtime socket reads. A
 * reload that keeps a table (same name, same key type and length) keeps its entries and applies
 * the new size, expiry and data types (data no longer stored is dropped, new data starts at 0); a
 * table whose type changes starts empty; a table the new plan lacks is dropped (connections of
 * the old plan that still hold its entries finish with them).
 *
 * <p>A reload goes in two steps, so that a rejected one changes nothing: {@link #stage} makes the
 * new plan's tables (kept ones are the same objects) for its rules to be compiled against, and
 * {@link Staged#commit()} puts them in force. Thread-safe.
 */
public final class StickTables {

    /** Milliseconds from a monotonic clock, far from 0 so that a fresh rate never looks recent. */
    public static final LongSupplier MONOTONIC_MS = new LongSupplier() {
        private final long origin = System.nanoTime();

        @Override
        public long getAsLong() {
            return (System.nanoTime() - origin) / 1_000_000 + (1L << 32);
        }
    };

    /** What {@code show table} says of a table without its entries. */
    public record TableInfo(String name, String type, long size, int used) {}

    private final LongSupplier clock;
    private volatile TableSet current = TableSet.EMPTY;

    /** A registry on the monotonic clock. */
    public StickTables() {
        this(MONOTONIC_MS);
    }

    /** A registry whose tables read the time (in milliseconds) from {@code clock}. */
    public StickTables(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The tables in force. */
    public TableSet current() {
        return current;
    }

    /** The tables {@code plan} declares, before any is put in force. */
    public synchronized Staged stage(Plan plan) {
        Map<String, dev.sluice.compiler.plan.StickTable> declared = declared(plan);
        Set<String> sticky = stickRuleTables(plan);
        Map<String, StickTable> tables = new LinkedHashMap<>();
        Map<StickTable, StickTable.Settings> reconfigured = new LinkedHashMap<>();
        for (var d : declared.entrySet()) {
            String name = d.getKey();
            dev.sluice.compiler.plan.StickTable t = d.getValue();
            KeyType type = KeyType.of(t.type());
            int length = keyLength(type, t.keyLength());
            StickTable.Settings settings = settings(t, sticky.contains(name));
            StickTable old = current.get(name);
            if (old != null && old.type() == type && old.keyLength() == length) {
                tables.put(name, old);
                reconfigured.put(old, settings);
            } else {
                tables.put(name, new StickTable(name, type, length, settings, clock));
            }
        }
        return new Staged(new TableSet(tables), reconfigured);
    }

    /** A plan's tables, made but not in force. */
    public final class Staged {

        private final TableSet tables;
        private final Map<StickTable, StickTable.Settings> reconfigured;

        private Staged(TableSet tables, Map<StickTable, StickTable.Settings> reconfigured) {
            this.tables = tables;
            this.reconfigured = reconfigured;
        }

        /** The tables the plan's rules use. */
        public TableSet tables() {
            return tables;
        }

        /** Puts the tables in force: kept ones take their new settings, dropped ones leave the registry. */
        public void commit() {
            synchronized (StickTables.this) {
                reconfigured.forEach((t, s) -> {
                    if (!t.settings().equals(s)) {
                        t.reconfigure(s);
                    }
                });
                current = tables;
            }
        }
    }

    // ---- what the runtime socket shows

    /**
     * Every table in force, in the order HAProxy's {@code show table} lists them: the last
     * declared first (frontends, then backends, then peers sections, in the plan's order).
     */
    public List<TableInfo> list() {
        List<TableInfo> out = new ArrayList<>();
        for (StickTable t : current.all()) {
            out.add(0, new TableInfo(t.name(), t.type().keyword(), t.size(), t.used()));
        }
        return out;
    }

    /**
     * The entries of table {@code name} that pass the filter the words after the name give
     * ({@code key K}, {@code data.TYPE OP VALUE} up to four times), by key, one line each as
     * {@code show table} prints them: {@code 0x...: key=K use=N exp=MS data...}, without a newline.
     */
    public List<String> entries(String name, List<String> filterWords) throws TableCommandException {
        StickTable t = require(name);
        TableFilter filter = TableFilter.parse(t, filterWords, false);
        List<String> out = new ArrayList<>();
        if (filter.key() != null) {
            StickEntry e = t.lookup(filter.key());
            if (e != null) {
                out.add(t.line(e));
            }
            return out;
        }
        for (StickEntry e : t.entries()) {
            if (filter.test(e)) {
                out.add(t.line(e));
            }
        }
        return out;
    }

    /**
     * {@code clear table NAME [key K | data.TYPE OP VALUE ...]}: removes the entries that pass the
     * filter and that no connection holds; returns how many went. Clearing a key whose entry is
     * held fails with HAProxy's message.
     */
    public int clear(String name, List<String> filterWords) throws TableCommandException {
        StickTable t = require(name);
        TableFilter filter = TableFilter.parse(t, filterWords, true);
        if (filter.key() != null) {
            StickEntry e = t.lookup(filter.key());
            if (e == null) {
                return 0;
            }
            if (!t.remove(e)) {
                throw new TableCommandException("Entry currently in use, cannot remove");
            }
            return 1;
        }
        int removed = 0;
        for (StickEntry e : t.entries()) {
            if (filter.test(e) && t.remove(e)) {
                removed++;
            }
        }
        return removed;
    }

    private StickTable require(String name) throws TableCommandException {
        StickTable t = current.get(name);
        if (t == null) {
            throw new TableCommandException("No such table");
        }
        return t;
    }

    // ---- from the plan

    /** The plan's tables by name: frontends', backends' (a listen section's once), peers sections'. */
    private static Map<String, dev.sluice.compiler.plan.StickTable> declared(Plan plan) {
        Map<String, dev.sluice.compiler.plan.StickTable> out = new LinkedHashMap<>();
        for (Frontend f : plan.frontends()) {
            if (f.stickTable() != null) {
                out.putIfAbsent(f.name(), f.stickTable());
            }
        }
        for (Backend b : plan.backends()) {
            if (b.stickTable() != null) {
                out.putIfAbsent(b.name(), b.stickTable());
            }
        }
        for (Peers p : plan.peers()) {
            for (dev.sluice.compiler.plan.StickTable t : p.tables()) {
                out.putIfAbsent(p.name() + "/" + t.name(), t);
            }
        }
        return out;
    }

    /** The tables {@code stick} rules write servers to: they store {@code server_id} and {@code server_key}. */
    private static Set<String> stickRuleTables(Plan plan) {
        Set<String> out = new HashSet<>();
        for (Backend b : plan.backends()) {
            for (StickRule r : b.stickRules()) {
                out.add(r.table() != null ? r.table() : b.name());
            }
        }
        return out;
    }

    private static int keyLength(KeyType type, Integer len) {
        return switch (type) {
            case IP, INTEGER -> 4;
            case IPV6 -> 16;
            default -> len != null ? len : KeyType.DEFAULT_LENGTH;
        };
    }

    private static StickTable.Settings settings(dev.sluice.compiler.plan.StickTable t, boolean sticky) {
        List<Layout.Stored> stored = new ArrayList<>();
        Set<DataType> types = new HashSet<>();
        for (dev.sluice.compiler.plan.StickTable.StoredData d : t.store()) {
            DataType type = DataType.byKeyword(d.name());
            if (type == null) {
                throw new IllegalArgumentException("stick-table '" + t.name() + "': data type '" + d.name()
                        + "' is not supported by the runtime");
            }
            types.add(type);
            stored.add(new Layout.Stored(type, d.periodMs() == null ? 0 : d.periodMs(),
                    d.elements() == null ? 1 : d.elements()));
        }
        if (sticky) {
            for (DataType server : List.of(DataType.SERVER_ID, DataType.SERVER_KEY)) {
                if (types.add(server)) {
                    stored.add(new Layout.Stored(server, 0, 1));
                }
            }
        }
        List<String> srvkey = t.options().get("srvkey");
        boolean byAddress = srvkey != null && !srvkey.isEmpty() && srvkey.get(0).equals("addr");
        return new StickTable.Settings(t.size(), t.expireMs(), t.noPurge(), new Layout(stored), byAddress);
    }
}
