package dev.sluice.runtime.stick;

import java.util.ArrayList;
import java.util.List;

/**
 * Which entries a {@code show table} or {@code clear table} command concerns: all of them, the one
 * of a key ({@code key K}), or those whose data pass up to four comparisons
 * ({@code data.http_req_rate gt 10 data.conn_cur ge 1}). Made by {@link #parse}, with HAProxy's
 * error messages.
 */
public final class TableFilter {

    /** Every entry. */
    public static final TableFilter ALL = new TableFilter(null, List.of());

    /** The most comparisons a filter takes, as in HAProxy 2.6. */
    static final int MAX_COMPARISONS = 4;

    /** One comparison of a stored value with a number. */
    record Comparison(DataType type, String operator, long value) {

        boolean test(StickEntry e) {
            long data = e.read(type, 0);
            if (data == StickEntry.ABSENT) {
                data = 0; // server_key: compared as 0, as HAProxy does
            }
            return switch (operator) {
                case "eq" -> data == value;
                case "ne" -> data != value;
                case "lt" -> data < value;
                case "le" -> data <= value;
                case "gt" -> data > value;
                default -> data >= value;
            };
        }
    }

    private final TableKey key;
    private final List<Comparison> comparisons;

    private TableFilter(TableKey key, List<Comparison> comparisons) {
        this.key = key;
        this.comparisons = List.copyOf(comparisons);
    }

    /**
     * The filter the words after the table's name give, for {@code table}: nothing, {@code key K},
     * or {@code data.TYPE OP VALUE} up to four times. {@code clear} changes the wording of the
     * errors, as HAProxy's do.
     */
    public static TableFilter parse(StickTable table, List<String> words, boolean clear) throws TableCommandException {
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return ALL;
        }
        String first = words.get(0);
        if (first.equals("key")) {
            if (words.size() < 2 || words.get(1).isEmpty()) {
                throw new TableCommandException("Key value expected");
            }
            if (table.type() == KeyType.BINARY) {
                throw new TableCommandException((clear ? "Removing" : "Showing")
                        + " keys from tables of type other than ip, ipv6, string and integer is not supported");
            }
            TableKey k = table.type().parse(words.get(1), table.keyLength());
            if (k == null) {
                throw new TableCommandException("Invalid key");
            }
            return new TableFilter(k, List.of());
        }
        if (!first.startsWith("data.")) {
            throw new TableCommandException(clear
                    ? "Required arguments: <table> \"data.<store_data_type>\" <operator> <value> or <table> key <key>"
                    : "Optional argument only supports \"data.<store_data_type>\" <operator> <value> and key <key>");
        }
        List<Comparison> out = new ArrayList<>();
        int i = 0;
        for (; i < MAX_COMPARISONS; i++) {
            int at = 3 * i;
            if (i > 0 && word(words, at).isEmpty()) {
                break;
            }
            int n = i + 1;
            String data = word(words, at);
            DataType type = data.startsWith("data.") ? DataType.byKeyword(data.substring(5)) : null;
            if (type == null) {
                throw new TableCommandException("Filter entry #" + n + ": Unknown data type");
            }
            if (!table.stores(type)) {
                throw new TableCommandException("Filter entry #" + n + ": Data type not stored in this table");
            }
            String op = word(words, at + 1);
            if (!List.of("eq", "ne", "le", "ge", "lt", "gt").contains(op)) {
                throw new TableCommandException("Filter entry #" + n
                        + ": Require and operator among \"eq\", \"ne\", \"le\", \"ge\", \"lt\", \"gt\"");
            }
            Long value = integer(word(words, at + 2));
            if (value == null) {
                throw new TableCommandException("Filter entry #" + n
                        + ": Require a valid integer value to compare against");
            }
            out.add(new Comparison(type, op, value));
        }
        if (!word(words, 3 * i).isEmpty()) {
            throw new TableCommandException("Detected extra data in filter, " + (3 * i + 4)
                    + "th word of input, after '" + word(words, 3 * i - 1) + "'");
        }
        return new TableFilter(null, out);
    }

    private static String word(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    private static Long integer(String s) {
        try {
            return s.isEmpty() ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The key of a {@code key K} filter, or null. */
    TableKey key() {
        return key;
    }

    /** Whether {@code e} passes every comparison. */
    boolean test(StickEntry e) {
        for (Comparison c : comparisons) {
            if (!c.test(e)) {
                return false;
            }
        }
        return true;
    }
}
