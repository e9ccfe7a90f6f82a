package dev.sluice.runtime.admin;

import dev.sluice.runtime.stick.StickTables;
import dev.sluice.runtime.stick.TableCommandException;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime API sees of the stick tables: the tables, their entries and clearing them
 * ({@link #of} over the proxy's tables; {@link #NONE} has no table).
 */
public interface StickTableView {

    /**
     * A table, as {@code show table} describes it.
     *
     * @param name the proxy that declares it
     * @param type its key type: {@code ip}, {@code ipv6}, {@code integer}, {@code string}, {@code binary}
     * @param size how many entries it may hold
     * @param used how many it holds now
     */
    record Table(String name, String type, long size, long used) {}

    /** A filter the table cannot apply: the message says why, as HAProxy says it. */
    final class BadFilter extends Exception {

        private static final long serialVersionUID = 1L;

        public BadFilter(String message) {
            super(message);
        }
    }

    /** Every table, in the order {@code show table} lists them (HAProxy's: the last declared first). */
    List<Table> tables();

    /** The table named {@code name}, if any. */
    default Optional<Table> table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The entries of table {@code name} that match {@code filter} (the words after the table's
     * name: {@code key K}, {@code data.TYPE OP VALUE}...), one line each as {@code show table}
     * prints them ({@code 0x...: key=... use=0 exp=... conn_cnt=5}).
     */
    List<String> entries(String name, List<String> filter) throws BadFilter;

    /** Removes the entries of table {@code name} that match {@code filter} (all without one); how many. */
    long clear(String name, List<String> filter) throws BadFilter;

    /**
     * The proxy's stick tables. The registry is the same object across reloads, so the view always
     * shows the tables of the plan in force.
     */
    static StickTableView of(StickTables registry) {
        return new StickTableView() {
            @Override
            public List<Table> tables() {
                return registry.list().stream().map(t -> new Table(t.name(), t.type(), t.size(), t.used())).toList();
            }

            @Override
            public List<String> entries(String name, List<String> filter) throws BadFilter {
                try {
                    return registry.entries(name, filter);
                } catch (TableCommandException e) {
                    throw new BadFilter(e.getMessage());
                }
            }

            @Override
            public long clear(String name, List<String> filter) throws BadFilter {
                try {
                    return registry.clear(name, filter);
                } catch (TableCommandException e) {
                    throw new BadFilter(e.getMessage());
                }
            }
        };
    }

    /** No stick table. */
    StickTableView NONE = new StickTableView() {
        @Override
        public List<Table> tables() {
            return List.of();
        }

        @Override
        public List<String> entries(String name, List<String> filter) {
            return List.of();
        }

        @Override
        public long clear(String name, List<String> filter) {
            return 0;
        }
    };
}
