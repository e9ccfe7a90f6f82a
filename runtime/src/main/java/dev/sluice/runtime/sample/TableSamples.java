package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.TypedArg;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.StickEntry;
import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.TableKey;
import dev.sluice.runtime.stick.Trackers;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stick-table fetches and converters, with HAProxy 2.6's semantics:
 *
 * <ul>
 *   <li>{@code sc_F(N[,T])} and {@code scN_F([T])} read what counter {@code scN} tracks (in table
 *       {@code T}, the same key looked up there); no sample when the counter tracks nothing;
 *   <li>{@code src_F([T])} looks the client's address up in {@code T} (the proxy's own table by
 *       default);
 *   <li>{@code table_F(T)} converters look their input up in {@code T}; {@code in_table(T)} says
 *       whether it is there; {@code table_cnt} and {@code table_avl} count entries.
 * </ul>
 *
 * A key that is not in the table reads as 0; data the table does not store gives no sample, so an
 * ACL on it never matches. {@code F} is {@code conn_cur}, {@code http_req_rate}, {@code get_gpc0},
 * {@code inc_gpc0}, ... (the {@code inc} and {@code clr} ones change the entry, and the
 * {@code src_} ones make it when it is missing).
 */
final class TableSamples {

    private TableSamples() {
    }

    /** What a fetch or converter reads of an entry, or {@link StickEntry#ABSENT}. */
    @FunctionalInterface
    private interface Reader {
        long read(StickEntry e, int index);
    }

    private static final Map<String, Reader> READERS = Map.ofEntries(
            data("bytes_in_rate", DataType.BYTES_IN_RATE),
            data("bytes_out_rate", DataType.BYTES_OUT_RATE),
            data("conn_cnt", DataType.CONN_CNT),
            data("conn_cur", DataType.CONN_CUR),
            data("conn_rate", DataType.CONN_RATE),
            data("http_err_cnt", DataType.HTTP_ERR_CNT),
            data("http_err_rate", DataType.HTTP_ERR_RATE),
            data("http_fail_cnt", DataType.HTTP_FAIL_CNT),
            data("http_fail_rate", DataType.HTTP_FAIL_RATE),
            data("http_req_cnt", DataType.HTTP_REQ_CNT),
            data("http_req_rate", DataType.HTTP_REQ_RATE),
            data("sess_cnt", DataType.SESS_CNT),
            data("sess_rate", DataType.SESS_RATE),
            data("server_id", DataType.SERVER_ID),
            Map.entry("get_gpt0", (e, i) -> e.readFirst(DataType.GPT0, DataType.GPT, 0)),
            Map.entry("get_gpc0", (e, i) -> e.readFirst(DataType.GPC0, DataType.GPC, 0)),
            Map.entry("get_gpc1", (e, i) -> e.readFirst(DataType.GPC1, DataType.GPC, 1)),
            Map.entry("gpc0_rate", (e, i) -> e.readFirst(DataType.GPC0_RATE, DataType.GPC_RATE, 0)),
            Map.entry("gpc1_rate", (e, i) -> e.readFirst(DataType.GPC1_RATE, DataType.GPC_RATE, 1)),
            Map.entry("get_gpt", (e, i) -> e.read(DataType.GPT, i)),
            Map.entry("get_gpc", (e, i) -> e.read(DataType.GPC, i)),
            Map.entry("gpc_rate", (e, i) -> e.read(DataType.GPC_RATE, i)),
            Map.entry("kbytes_in", (e, i) -> kilobytes(e.read(DataType.BYTES_IN_CNT))),
            Map.entry("kbytes_out", (e, i) -> kilobytes(e.read(DataType.BYTES_OUT_CNT))),
            Map.entry("trackers", (e, i) -> e.refs()),
            // these change the entry
            Map.entry("inc_gpc0", (e, i) -> e.incrementGpc0()),
            Map.entry("inc_gpc1", (e, i) -> e.incrementGpc1()),
            Map.entry("inc_gpc", (e, i) -> e.incrementGpc(i)),
            Map.entry("clr_gpc0", (e, i) -> e.clearFirst(DataType.GPC0, 0)),
            Map.entry("clr_gpc1", (e, i) -> e.clearFirst(DataType.GPC1, 1)),
            Map.entry("clr_gpc", (e, i) -> e.clearFirst(DataType.GPC, i)));

    /** Converter names ({@code table_gpt0}) whose fetch counterpart is named otherwise ({@code get_gpt0}). */
    private static final Map<String, String> CONVERTER_READERS = Map.of("gpt0", "get_gpt0", "gpc0", "get_gpc0",
            "gpc1", "get_gpc1", "gpt", "get_gpt", "gpc", "get_gpc");

    /** Functions whose first argument is an array index. */
    private static final java.util.Set<String> INDEXED = java.util.Set.of("get_gpt", "get_gpc", "gpc_rate",
            "inc_gpc", "clr_gpc");

    /** Functions that change the entry: a {@code src_} form makes the entry when it is missing. */
    private static final java.util.Set<String> WRITERS = java.util.Set.of("inc_gpc0", "inc_gpc1", "inc_gpc",
            "clr_gpc0", "clr_gpc1", "clr_gpc");

    private static final Pattern FETCH = Pattern.compile("(sc_|sc([0-9])_|src_)([a-z0-9_]+)");

    private static Map.Entry<String, Reader> data(String name, DataType type) {
        return Map.entry(name, (e, i) -> e.read(type));
    }

    private static long kilobytes(long bytes) {
        return bytes == StickEntry.ABSENT ? bytes : bytes >> 10;
    }

    // ---- fetches

    static boolean isFetch(String name) {
        if (name.equals("table_cnt") || name.equals("table_avl") || name.equals("src_updt_conn_cnt")) {
            return true;
        }
        Matcher m = FETCH.matcher(name);
        return m.matches() && (READERS.containsKey(m.group(3)) || m.group(3).equals("tracked") && !m.group(1)
                .equals("src_"));
    }

    static Fetch fetch(String name, List<TypedArg> args, SampleCompiler compiler) {
        Fetches.Args a = new Fetches.Args(name, args);
        switch (name) {
            case "table_cnt": {
                StickTable t = compiler.table(a.string(0, null));
                return Fetch.of(x -> SampleValue.ofInt(t.usedNow()));
            }
            case "table_avl": {
                StickTable t = compiler.table(a.string(0, null));
                return Fetch.of(x -> SampleValue.ofInt(t.size() - t.usedNow()));
            }
            case "src_updt_conn_cnt": {
                StickTable t = compiler.table(a.string(0, null));
                return Fetch.of(x -> {
                    TableKey key = sourceKey(x, t);
                    StickEntry e = key == null ? null : t.getOrCreate(key);
                    if (e == null) {
                        return null;
                    }
                    long v = e.add(DataType.CONN_CNT, 0, 1);
                    return v == StickEntry.ABSENT ? null : SampleValue.ofInt(v);
                });
            }
            default:
                break;
        }
        Matcher m = FETCH.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("sample fetch '" + name + "' is not supported by the runtime");
        }
        String function = m.group(3);
        int arg = 0;
        int index = INDEXED.contains(function) ? (int) a.integer(arg++) : 0;
        if (m.group(1).equals("src_")) {
            StickTable t = compiler.table(a.string(arg, null));
            Reader reader = READERS.get(function);
            boolean create = WRITERS.contains(function);
            return Fetch.of(x -> {
                TableKey key = sourceKey(x, t);
                if (key == null) {
                    return null;
                }
                return result(create ? t.getOrCreate(key) : t.lookup(key), reader, index);
            });
        }
        int counter = m.group(2) != null ? Integer.parseInt(m.group(2)) : (int) a.integer(arg++);
        String tableName = a.string(arg, null);
        StickTable other = tableName == null || tableName.isEmpty() ? null : compiler.table(tableName);
        if (function.equals("tracked")) {
            return Fetch.of(x -> SampleValue.ofBool(tracked(x, counter) != null));
        }
        Reader reader = READERS.get(function);
        return Fetch.of(x -> {
            StickEntry e = tracked(x, counter);
            if (e == null) {
                return null;
            }
            if (other != null) {
                e = other.lookup(e.key());
            }
            return result(e, reader, index);
        });
    }

    private static StickEntry tracked(Exchange x, int counter) {
        Trackers t = x.trackers();
        return t == null ? null : t.get(counter);
    }

    /** The client's address as a key of {@code t}, or null. */
    private static TableKey sourceKey(Exchange x, StickTable t) {
        InetSocketAddress client = x.clientAddress();
        if (client == null || client.getAddress() == null) {
            return null;
        }
        return StickKeys.key(t, SampleValue.ofAddress(client.getAddress().getAddress()));
    }

    /** 0 without an entry, no sample when the entry lacks the data, else the value. */
    private static SampleValue result(StickEntry e, Reader reader, int index) {
        if (e == null) {
            return SampleValue.ofInt(0);
        }
        long v = reader.read(e, index);
        return v == StickEntry.ABSENT ? null : SampleValue.ofInt(v);
    }

    // ---- converters

    static boolean isConverter(String name) {
        if (name.equals("in_table")) {
            return true;
        }
        if (!name.startsWith("table_")) {
            return false;
        }
        String f = name.substring(6);
        return READERS.containsKey(CONVERTER_READERS.getOrDefault(f, f)) && !WRITERS.contains(f);
    }

    static Converter converter(String name, List<TypedArg> args, SampleCompiler compiler) {
        Fetches.Args a = new Fetches.Args(name, args);
        if (name.equals("in_table")) {
            StickTable t = compiler.table(required(a, 0));
            return (v, x) -> {
                TableKey key = StickKeys.key(t, v);
                return key == null ? null : SampleValue.ofBool(t.lookup(key) != null);
            };
        }
        String f = name.substring(6);
        Reader reader = READERS.get(CONVERTER_READERS.getOrDefault(f, f));
        boolean indexed = INDEXED.contains(CONVERTER_READERS.getOrDefault(f, f));
        int index = indexed ? (int) a.integer(0) : 0;
        StickTable t = compiler.table(required(a, indexed ? 1 : 0));
        return (v, x) -> {
            TableKey key = StickKeys.key(t, v);
            return key == null ? null : result(t.lookup(key), reader, index);
        };
    }

    private static String required(Fetches.Args a, int i) {
        String name = a.string(i, "");
        if (name.isEmpty()) {
            throw a.error("a table name is required");
        }
        return name;
    }
}
