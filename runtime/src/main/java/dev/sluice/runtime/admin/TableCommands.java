package dev.sluice.runtime.admin;

import java.util.List;
import java.util.Optional;

/**
 * {@code show table} and {@code clear table}, through the {@link StickTableView}. As in HAProxy,
 * a user-level session sees a table's size but not its contents; clearing needs the operator level
 * (HAProxy silently ignores a user's {@code clear table}; Sluice refuses it).
 */
final class TableCommands {

    private static final String REQUIRED = "Required arguments: <table> \"data.<store_data_type>\" <operator> "
            + "<value> or <table> key <key>\n";

    private final StickTableView tables;

    TableCommands(StickTableView tables) {
        this.tables = tables;
    }

    List<Command> commands() {
        return List.of(
                Command.of("show table", "show table <table> [<filter>]*",
                        "report table usage stats or dump this table's contents (filter: data/key)", Level.USER,
                        (w, s) -> show(w, s)),
                Command.of("clear table", "clear table <table> [<filter>]*",
                        "remove an entry from a table (filter: data/key)", Level.OPERATOR, (w, s) -> clear(w)));
    }

    private static String header(StickTableView.Table t) {
        return "# table: " + t.name() + ", type: " + t.type() + ", size:" + t.size() + ", used:" + t.used() + "\n";
    }

    private String show(List<String> words, Session session) {
        StringBuilder out = new StringBuilder();
        if (words.size() < 3) {
            tables.tables().forEach(t -> out.append(header(t)));
            return out.toString();
        }
        Optional<StickTableView.Table> table = tables.table(words.get(2));
        if (table.isEmpty()) {
            return "No such table\n";
        }
        out.append(header(table.get()));
        if (!session.level().allows(Level.OPERATOR)) {
            return out.append("# contents not dumped due to insufficient privileges\n").toString();
        }
        List<String> filter = words.subList(3, words.size());
        try {
            List<String> entries = tables.entries(words.get(2), filter);
            if (entries.isEmpty() && !filter.isEmpty() && filter.get(0).equals("key")) {
                return ""; // a key that is not there: HAProxy prints nothing, not even the header
            }
            entries.forEach(e -> out.append(e).append('\n'));
        } catch (StickTableView.BadFilter e) {
            return e.getMessage() + "\n";
        }
        return out.toString();
    }

    private String clear(List<String> words) {
        if (words.size() < 3) {
            return REQUIRED;
        }
        if (tables.table(words.get(2)).isEmpty()) {
            return "No such table\n";
        }
        try {
            tables.clear(words.get(2), words.subList(3, words.size()));
        } catch (StickTableView.BadFilter e) {
            return e.getMessage() + "\n";
        }
        return "";
    }
}
