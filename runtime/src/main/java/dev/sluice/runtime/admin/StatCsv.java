package dev.sluice.runtime.admin;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.balance.AdminState;
import dev.sluice.runtime.balance.BackendState;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.sample.Addresses;
import dev.sluice.runtime.stats.Counters;
import dev.sluice.runtime.stats.ServerCounters;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code show stat}: HAProxy 2.6's CSV, its header line and its 128 columns in its order, one row
 * per frontend ({@code FRONTEND}), server and backend ({@code BACKEND}), proxy by proxy. Sluice
 * fills the columns it measures; the others stay empty, as HAProxy leaves a field it does not
 * set (queue and time averages, compression, caches, agent checks, SSL, HTTP/2 and HTTP/1
 * multiplexer counters).
 */
final class StatCsv {

    /** HAProxy 2.6's columns, in order. */
    static final List<String> COLUMNS = List.of("pxname", "svname", "qcur", "qmax", "scur", "smax", "slim",
            "stot", "bin", "bout", "dreq", "dresp", "ereq", "econ", "eresp", "wretr", "wredis", "status", "weight",
            "act", "bck", "chkfail", "chkdown", "lastchg", "downtime", "qlimit", "pid", "iid", "sid", "throttle",
            "lbtot", "tracked", "type", "rate", "rate_lim", "rate_max", "check_status", "check_code",
            "check_duration", "hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other", "hanafail",
            "req_rate", "req_rate_max", "req_tot", "cli_abrt", "srv_abrt", "comp_in", "comp_out", "comp_byp",
            "comp_rsp", "lastsess", "last_chk", "last_agt", "qtime", "ctime", "rtime", "ttime", "agent_status",
            "agent_code", "agent_duration", "check_desc", "agent_desc", "check_rise", "check_fall", "check_health",
            "agent_rise", "agent_fall", "agent_health", "addr", "cookie", "mode", "algo", "conn_rate",
            "conn_rate_max", "conn_tot", "intercepted", "dcon", "dses", "wrew", "connect", "reuse",
            "cache_lookups", "cache_hits", "srv_icur", "src_ilim", "qtime_max", "ctime_max", "rtime_max",
            "ttime_max", "eint", "idle_conn_cur", "safe_conn_cur", "used_conn_cur", "need_conn_est", "uweight",
            "agg_server_status", "agg_server_check_status", "agg_check_status", "-", "ssl_sess", "ssl_reused_sess",
            "ssl_failed_handshake", "h2_headers_rcvd", "h2_data_rcvd", "h2_settings_rcvd", "h2_rst_stream_rcvd",
            "h2_goaway_rcvd", "h2_detected_conn_protocol_errors", "h2_detected_strm_protocol_errors",
            "h2_rst_stream_resp", "h2_goaway_resp", "h2_open_connections", "h2_backend_open_streams",
            "h2_total_connections", "h2_backend_total_streams", "h1_open_connections", "h1_open_streams",
            "h1_total_connections", "h1_total_streams", "h1_bytes_in", "h1_bytes_out", "h1_spliced_bytes_in",
            "h1_spliced_bytes_out");

    /** The header line: the columns after {@code # }, each followed by a comma. */
    static final String HEADER = "# " + String.join(",", COLUMNS) + ",\n";

    /** Row types, as the {@code type} column numbers them and {@code show stat}'s type mask selects them. */
    static final int FRONTEND = 0;
    static final int BACKEND = 1;
    static final int SERVER = 2;

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < COLUMNS.size(); i++) {
            INDEX.put(COLUMNS.get(i), i);
        }
    }

    /**
     * Which rows to print: a proxy (null for all), a type mask (1 frontends, 2 backends, 4
     * servers), a server id (-1 for all); only servers that are up ({@code up}), or none in
     * maintenance ({@code noMaint}).
     */
    record Filter(int types, int serverId, boolean up, boolean noMaint) {}

    private final ProxyServer proxy;

    StatCsv(ProxyServer proxy) {
        this.proxy = proxy;
    }

    /** The command: {@code show stat [{<iid>|<proxy>} <type> <sid>] [up|no-maint]*}. */
    Command command() {
        return Command.of("show stat", "show stat [{<px>|<iid>} <type> <sid>] [up|no-maint]*",
                "report counters for each proxy and server", Level.USER, (w, s) -> show(w));
    }

    private String show(List<String> words) {
        String proxyName = null;
        int types = 7;
        int sid = -1;
        boolean up = false;
        boolean noMaint = false;
        int i = 2;
        if (words.size() >= 5 && !isOption(words.get(2))) {
            proxyName = words.get(2).equals("-1") ? null : words.get(2);
            try {
                types = Integer.parseInt(words.get(3));
                sid = Integer.parseInt(words.get(4));
            } catch (NumberFormatException e) {
                return "Usage: show stat [{<px>|<iid>} <type> <sid>] [up|no-maint]\n";
            }
            i = 5;
        }
        for (; i < words.size(); i++) {
            switch (words.get(i)) {
                case "up" -> up = true;
                case "no-maint" -> noMaint = true;
                case "typed", "json", "desc" -> {
                    return "'show stat " + words.get(i) + "' is not supported by Sluice: only the CSV form is.\n";
                }
                default -> {
                    return "Usage: show stat [{<px>|<iid>} <type> <sid>] [up|no-maint]\n";
                }
            }
        }
        RuntimePlan plan = proxy.plan();
        Proxies proxies = Proxies.of(plan.plan());
        Proxies.Proxy only = null;
        if (proxyName != null) {
            only = proxies.find(proxyName).orElse(null);
            if (only == null) {
                return "No such proxy.\n";
            }
        }
        return render(plan, proxies, only, new Filter(types < 0 ? 7 : types, sid, up, noMaint));
    }

    private static boolean isOption(String w) {
        return switch (w) {
            case "up", "no-maint", "typed", "json", "desc" -> true;
            default -> false;
        };
    }

    /** The CSV: the header, then the rows {@code filter} selects, of proxy {@code only} (null: all). */
    private String render(RuntimePlan plan, Proxies proxies, Proxies.Proxy only, Filter filter) {
        StringBuilder out = new StringBuilder(HEADER);
        long now = System.currentTimeMillis();
        for (Proxies.Proxy p : proxies.all()) {
            if (only != null && p != only) {
                continue;
            }
            if (p.frontend() != null && (filter.types() & 1) != 0) {
                Counters c = plan.frontend(p.name()).orElseThrow().counters();
                out.append(frontend(p, p.frontend(), c, plan));
            }
            if (p.backend() == null) {
                continue;
            }
            RuntimePlan.BackendRuntime be = plan.backend(p.name()).orElseThrow();
            if ((filter.types() & 4) != 0) {
                for (Server s : p.backend().servers()) {
                    ServerState state = be.state().server(s.name());
                    if (state == null || filter.serverId() >= 0 && state.id() != filter.serverId()
                            || filter.up() && !state.isRunning()
                            || filter.noMaint() && state.adminState() == AdminState.MAINT) {
                        continue;
                    }
                    out.append(server(p, s, state, be, now));
                }
            }
            if ((filter.types() & 2) != 0) {
                out.append(backend(p, be, now));
            }
        }
        return out.toString();
    }

    /** One row being filled, column by column. */
    private static final class Row {

        final String[] values = new String[COLUMNS.size()];

        Row set(String column, Object value) {
            Integer i = INDEX.get(column);
            if (i == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            values[i] = value == null ? null : csv(value.toString());
            return this;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (String v : values) {
                if (v != null) {
                    b.append(v);
                }
                b.append(',');
            }
            return b.append('\n').toString();
        }

        /** A value with a comma or a quote is quoted, as in HAProxy's CSV. */
        private static String csv(String v) {
            if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
                return v;
            }
            return '"' + v.replace("\"", "\"\"").replace('\n', ' ') + '"';
        }
    }

    /** The columns every row has: names, ids, sessions, bytes, errors. */
    private static Row common(Proxies.Proxy p, String svname, int type, int sid, Counters c) {
        return new Row()
                .set("pxname", p.name()).set("svname", svname)
                .set("smax", c.maxSessions()).set("stot", c.sessions())
                .set("bin", c.bytesIn()).set("bout", c.bytesOut())
                .set("dresp", c.deniedResponses())
                .set("pid", 1).set("iid", p.id()).set("sid", sid).set("type", type)
                .set("rate", c.sessionRate()).set("rate_max", c.maxSessionRate())
                .set("-", "-");
    }

    private static void http(Row r, Counters c, boolean http) {
        if (!http) {
            return;
        }
        String[] classes = {"hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other"};
        for (int i = 0; i < classes.length; i++) {
            r.set(classes[i], c.responses(i));
        }
        r.set("req_tot", c.requests());
    }

    private String frontend(Proxies.Proxy p, Frontend f, Counters c, RuntimePlan plan) {
        Long maxconn = f.maxconn() != null ? f.maxconn() : plan.maxconn() > 0 ? Long.valueOf(plan.maxconn()) : null;
        boolean http = f.mode().equals("http");
        Row r = common(p, "FRONTEND", FRONTEND, 0, c)
                .set("scur", c.current()).set("slim", maxconn)
                .set("dreq", c.deniedRequests()).set("ereq", c.requestErrors())
                .set("status", f.disabled() || proxy.isStopping() ? "STOP" : "OPEN")
                .set("req_rate", c.requestRate()).set("req_rate_max", c.maxRequestRate())
                .set("mode", f.mode())
                .set("conn_rate", c.sessionRate()).set("conn_rate_max", c.maxSessionRate())
                .set("conn_tot", c.sessions());
        http(r, c, http);
        if (!http) {
            r.set("req_tot", 0);
        }
        return r.toString();
    }

    private static String server(Proxies.Proxy p, Server s, ServerState state, RuntimePlan.BackendRuntime be,
            long now) {
        ServerCounters c = state.counters();
        ServerCounters.Check check = c.lastCheck();
        boolean checked = s.check().enabled();
        InetSocketAddress a = be.address(state);
        String host = Addresses.format(a.getAddress());
        Row r = common(p, s.name(), SERVER, state.id(), c)
                .set("qcur", state.queuedConnections()).set("scur", state.activeConnections())
                .set("slim", state.maxconn() > 0 ? state.maxconn() : null)
                .set("econ", c.connectionErrors()).set("eresp", c.responseErrors())
                .set("wretr", c.retries()).set("wredis", c.redispatches())
                .set("status", status(s, state, check))
                .set("weight", state.weight()).set("uweight", state.weight())
                .set("act", s.backup() ? 0 : 1).set("bck", s.backup() ? 1 : 0)
                .set("lastchg", (now - c.lastChangeMs()) / 1000)
                .set("qlimit", state.maxqueue() > 0 ? state.maxqueue() : null)
                .set("lbtot", c.selectedCount())
                .set("lastsess", c.lastSessionMs() == 0 ? -1 : (now - c.lastSessionMs()) / 1000)
                .set("addr", (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort())
                .set("cookie", s.cookie())
                .set("mode", be.backend().mode());
        if (checked) {
            r.set("chkfail", c.failedChecks()).set("chkdown", c.downs()).set("downtime", c.downtimeMs() / 1000)
                    .set("check_rise", s.check().rise()).set("check_fall", s.check().fall())
                    .set("check_health", health(s, check));
            if (check != null) {
                r.set("check_status", check.status().name()).set("check_code", check.code())
                        .set("check_duration", check.durationMs())
                        .set("last_chk", check.status().passed() ? null : check.description())
                        .set("check_desc", check.status().description());
            }
        }
        http(r, c, be.backend().mode().equals("http"));
        return r.toString();
    }

    /** A checked server's health: the last check's, else full health (rise + fall - 1), where checks start. */
    static int health(Server s, ServerCounters.Check last) {
        return last != null ? last.health() : s.check().rise() + s.check().fall() - 1;
    }

    /** HAProxy's server status: MAINT, DRAIN, no check, UP, DOWN, and "UP 1/3" while going down. */
    private static String status(Server s, ServerState state, ServerCounters.Check check) {
        if (state.adminState() == AdminState.MAINT) {
            return "MAINT";
        }
        if (!s.check().enabled()) {
            return state.adminState() == AdminState.DRAIN ? "DRAIN" : "no check";
        }
        int rise = s.check().rise();
        int fall = s.check().fall();
        int health = health(s, check);
        if (!state.isUp()) {
            return health == 0 ? "DOWN" : "DOWN " + health + "/" + rise;
        }
        String word = state.adminState() == AdminState.DRAIN ? "DRAIN" : "UP";
        return health >= rise + fall - 1 ? word : word + " " + (health - rise + 1) + "/" + fall;
    }

    private static String backend(Proxies.Proxy p, RuntimePlan.BackendRuntime be, long now) {
        BackendState state = be.state();
        Counters c = state.counters();
        Backend b = be.backend();
        int active = 0;
        int backups = 0;
        int activeWeight = 0;
        int backupWeight = 0;
        for (ServerState s : state.servers()) {
            if (!s.isRunning()) {
                continue;
            }
            if (s.isBackup()) {
                backups++;
                backupWeight += s.weight();
            } else {
                active++;
                activeWeight += s.weight();
            }
        }
        long fullconn = state.settings().fullconn();
        Row r = common(p, "BACKEND", BACKEND, 0, c)
                .set("qcur", state.queuedConnections()).set("scur", state.activeConnections())
                .set("slim", fullconn > 0 ? fullconn : null)
                .set("dreq", c.deniedRequests())
                .set("econ", c.connectionErrors()).set("eresp", c.responseErrors())
                .set("wretr", c.retries()).set("wredis", c.redispatches())
                .set("status", state.isRunning() ? "UP" : "DOWN")
                .set("weight", active > 0 ? activeWeight : backupWeight)
                .set("uweight", active > 0 ? activeWeight : backupWeight)
                .set("act", active).set("bck", backups)
                .set("chkdown", c.downs()).set("lastchg", (now - c.lastChangeMs()) / 1000)
                .set("downtime", c.downtimeMs() / 1000)
                .set("lbtot", c.selectedCount())
                .set("lastsess", c.lastSessionMs() == 0 ? -1 : (now - c.lastSessionMs()) / 1000)
                .set("mode", b.mode()).set("algo", b.balance().algorithm().id());
        http(r, c, b.mode().equals("http"));
        return r.toString();
    }
}
