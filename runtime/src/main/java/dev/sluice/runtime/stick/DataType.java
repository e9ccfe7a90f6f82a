package dev.sluice.runtime.stick;

import java.util.HashMap;
import java.util.Map;

/**
 * The data a stick table can store per entry ({@code store ...}), in HAProxy 2.6's order, which is
 * the order {@code show table} prints them in.
 */
public enum DataType {
    SERVER_ID("server_id", Kind.SINT),
    GPT0("gpt0", Kind.UINT),
    GPC0("gpc0", Kind.UINT),
    GPC0_RATE("gpc0_rate", Kind.RATE),
    CONN_CNT("conn_cnt", Kind.UINT),
    CONN_RATE("conn_rate", Kind.RATE),
    CONN_CUR("conn_cur", Kind.UINT),
    SESS_CNT("sess_cnt", Kind.UINT),
    SESS_RATE("sess_rate", Kind.RATE),
    HTTP_REQ_CNT("http_req_cnt", Kind.UINT),
    HTTP_REQ_RATE("http_req_rate", Kind.RATE),
    HTTP_ERR_CNT("http_err_cnt", Kind.UINT),
    HTTP_ERR_RATE("http_err_rate", Kind.RATE),
    BYTES_IN_CNT("bytes_in_cnt", Kind.ULL),
    BYTES_IN_RATE("bytes_in_rate", Kind.RATE),
    BYTES_OUT_CNT("bytes_out_cnt", Kind.ULL),
    BYTES_OUT_RATE("bytes_out_rate", Kind.RATE),
    GPC1("gpc1", Kind.UINT),
    GPC1_RATE("gpc1_rate", Kind.RATE),
    SERVER_KEY("server_key", Kind.TEXT),
    HTTP_FAIL_CNT("http_fail_cnt", Kind.UINT),
    HTTP_FAIL_RATE("http_fail_rate", Kind.RATE),
    GPT("gpt", Kind.UINT, true),
    GPC("gpc", Kind.UINT, true),
    GPC_RATE("gpc_rate", Kind.RATE, true);

    /** How a data type is held and printed. */
    public enum Kind {
        /** A signed 32-bit integer (a server's id). */
        SINT,
        /** An unsigned 32-bit counter: it wraps to 0 past 4294967295, as HAProxy's does. */
        UINT,
        /** An unsigned 64-bit counter (bytes). */
        ULL,
        /** A frequency counter over a period: events in the current period and the previous one. */
        RATE,
        /** A string (the server's name or address). */
        TEXT
    }

    private static final Map<String, DataType> BY_NAME = new HashMap<>();

    static {
        for (DataType t : values()) {
            BY_NAME.put(t.keyword, t);
        }
    }

    private final String keyword;
    private final Kind kind;
    private final boolean array;

    DataType(String keyword, Kind kind) {
        this(keyword, kind, false);
    }

    DataType(String keyword, Kind kind, boolean array) {
        this.keyword = keyword;
        this.kind = kind;
        this.array = array;
    }

    /** The name a configuration stores it under, e.g. {@code http_req_rate}. */
    public String keyword() {
        return keyword;
    }

    public Kind kind() {
        return kind;
    }

    /** True for {@code gpt(N)}, {@code gpc(N)} and {@code gpc_rate(N,period)}: N elements. */
    public boolean isArray() {
        return array;
    }

    public boolean isRate() {
        return kind == Kind.RATE;
    }

    /** The data type named {@code keyword}, or null. */
    public static DataType byKeyword(String keyword) {
        return BY_NAME.get(keyword);
    }

    /**
     * The name {@code show table} prints for element {@code index}: the index goes before the
     * first underscore of an array's name ({@code gpc_rate} element 3 is {@code gpc3_rate}).
     */
    String elementName(int index) {
        if (!array) {
            return keyword;
        }
        int underscore = keyword.indexOf('_');
        return underscore < 0 ? keyword + index
                : keyword.substring(0, underscore) + index + keyword.substring(underscore);
    }
}
