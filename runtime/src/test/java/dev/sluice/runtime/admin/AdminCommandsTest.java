package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.balance.AdminState;
import dev.sluice.runtime.balance.ServerState;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime API's commands, their effects on the running proxy and their answers, word for
 * word HAProxy 2.6's where HAProxy has the command.
 */
@Timeout(60)
class AdminCommandsTest {

    private final AdminFixture f = new AdminFixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static final String CONFIG = """
            global
                stats socket 127.0.0.1:0 level admin
                stats socket 127.0.0.1:0 level user
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
                retries 0
            frontend www
                bind 127.0.0.1:0
                http-request deny if { path /deny }
                default_backend web
            backend web
                server w1 127.0.0.1:%d
                server w2 127.0.0.1:%d weight 50 cookie two
                server w3 127.0.0.1:1 disabled
            backend st
                balance static-rr
                server s1 127.0.0.1:1
            """;

    private int w1;
    private int w2;

    private void start() throws Exception {
        w1 = f.web("w1");
        w2 = f.web("w2");
        f.start(CONFIG.formatted(w1, w2));
    }

    private String admin(String command) throws Exception {
        return f.cli(0, command);
    }

    private ServerState server(String backend, String name) {
        return f.proxy.plan().states().server(backend, name);
    }

    // ---- show info, show version, show backend

    @Test
    void showInfoReportsTheProcessAndItsTraffic() throws Exception {
        start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        f.get(client, "www", "/");
        f.get(client, "www", "/");
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : admin("show info").split("\n")) {
            if (!line.isEmpty()) {
                info.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
            }
        }
        assertThat(info).containsEntry("Name", "Sluice").containsEntry("Version", AdminFixture.VERSION)
                .containsEntry("Nbthread", "2").containsEntry("Nbproc", "1")
                .containsEntry("Pid", Long.toString(ProcessHandle.current().pid()))
                .containsEntry("CurrConns", "1").containsEntry("CumConns", "1").containsEntry("CumReq", "2")
                .containsEntry("Listeners", "3").containsEntry("Stopping", "0")
                .containsEntry("Reloads", "0").containsEntry("Reloads_rejected", "0")
                .containsKeys("Uptime", "Uptime_sec", "Start_time_sec", "TotalBytesOut", "node")
                .doesNotContainKey("Last_reload_outcome");
        assertThat(info.get("Uptime")).matches("0d 0h00m0\\ds");
        assertThat(List.copyOf(info.keySet()).subList(0, 3)).containsExactly("Name", "Version", "Nbthread");
        assertThat(admin("show version")).isEqualTo(AdminFixture.VERSION + "\n\n");
        assertThat(admin("show backend")).isEqualTo("# name\nweb\nst\n\n");
    }

    // ---- show stat

    /** The rows of {@code show stat}, each column name to its value. */
    private static List<Map<String, String>> rows(String csv) {
        String[] lines = csv.split("\n");
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] values = lines[i].split(",", -1);
            assertThat(values).as("a value per column, then the trailing comma").hasSize(header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size() - 1; c++) {
                row.put(header.get(c), values[c]);
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void showStatHasHaproxy26sHeaderAndARowPerFrontendServerAndBackend() throws Exception {
        start();
        try (InputStream in = getClass().getResourceAsStream("/admin/haproxy-2.6.12-show-stat-header.txt")) {
            String haproxy = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(StatCsv.HEADER).isEqualTo(haproxy);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(admin("set server web/w1 state maint")).isEqualTo("\n");
        assertThat(f.get(client, "www", "/")).isEqualTo("200 w2");
        assertThat(admin("set server web/w1 state ready;set server web/w2 state maint")).isEqualTo("\n\n");
        assertThat(f.get(client, "www", "/missing")).isEqualTo("404 w1");
        assertThat(f.get(client, "www", "/deny")).startsWith("403 ");
        assertThat(admin("set server web/w2 state ready")).isEqualTo("\n");

        String csv = admin("show stat");
        assertThat(csv).startsWith(StatCsv.HEADER).endsWith(",\n\n");
        List<Map<String, String>> rows = rows(csv);
        assertThat(rows).extracting(r -> r.get("pxname") + "/" + r.get("svname")).containsExactly(
                "www/FRONTEND", "web/w1", "web/w2", "web/w3", "web/BACKEND", "st/s1", "st/BACKEND");
        Map<String, String> fe = rows.get(0);
        assertThat(fe).containsEntry("status", "OPEN").containsEntry("type", "0").containsEntry("iid", "1")
                .containsEntry("sid", "0").containsEntry("pid", "1").containsEntry("mode", "http")
                .containsEntry("stot", "1").containsEntry("conn_tot", "1").containsEntry("req_tot", "3")
                .containsEntry("dreq", "1").containsEntry("hrsp_2xx", "1").containsEntry("hrsp_4xx", "2")
                .containsEntry("hrsp_5xx", "0").containsEntry("ereq", "0")
                .containsEntry("slim", String.valueOf(f.proxy.plan().maxconn()))
                .containsEntry("-", "-").containsEntry("qcur", "").containsEntry("comp_in", "");
        assertThat(Long.parseLong(fe.get("bin"))).isPositive();
        Map<String, String> s1 = rows.get(1);
        assertThat(s1).containsEntry("status", "no check").containsEntry("weight", "1").containsEntry("act", "1")
                .containsEntry("bck", "0").containsEntry("stot", "1").containsEntry("lbtot", "1")
                .containsEntry("hrsp_4xx", "1").containsEntry("req_tot", "1").containsEntry("type", "2")
                .containsEntry("sid", "1").containsEntry("iid", "2").containsEntry("addr", "127.0.0.1:" + w1)
                .containsEntry("chkfail", "").containsEntry("check_status", "").containsEntry("lastsess", "0");
        assertThat(rows.get(2)).containsEntry("weight", "50").containsEntry("cookie", "two")
                .containsEntry("hrsp_2xx", "1").containsEntry("stot", "1");
        assertThat(rows.get(3)).containsEntry("status", "MAINT").containsEntry("lastsess", "-1");
        Map<String, String> be = rows.get(4);
        assertThat(be).containsEntry("status", "UP").containsEntry("weight", "51").containsEntry("act", "2")
                .containsEntry("bck", "0").containsEntry("stot", "2").containsEntry("req_tot", "2")
                .containsEntry("algo", "roundrobin").containsEntry("type", "1").containsEntry("lbtot", "2");
        assertThat(rows.get(6)).containsEntry("algo", "static-rr").containsEntry("hrsp_2xx", "0");

        assertThat(rows(admin("show stat web 4 -1"))).extracting(r -> r.get("svname"))
                .containsExactly("w1", "w2", "w3");
        assertThat(rows(admin("show stat -1 1 -1"))).extracting(r -> r.get("svname")).containsExactly("FRONTEND");
        assertThat(rows(admin("show stat 2 4 2"))).extracting(r -> r.get("svname")).containsExactly("w2");
        assertThat(rows(admin("show stat no-maint"))).extracting(r -> r.get("svname")).doesNotContain("w3");
        assertThat(admin("show stat json")).isEqualTo(
                "'show stat json' is not supported by Sluice: only the CSV form is.\n\n");
    }

    // ---- servers

    @Test
    void serverStatesChangeAndTrafficFollows() throws Exception {
        start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(admin("disable server web/w2")).isEqualTo("\n");
        assertThat(server("web", "w2").adminState()).isEqualTo(AdminState.MAINT);
        for (int i = 0; i < 4; i++) {
            assertThat(f.get(client, "www", "/")).isEqualTo("200 w1");
        }
        assertThat(admin("enable server web/w2")).isEqualTo("\n");
        assertThat(server("web", "w2").adminState()).isEqualTo(AdminState.READY);
        assertThat(admin("set server web/w1 state drain")).isEqualTo("\n");
        assertThat(server("web", "w1").adminState()).isEqualTo(AdminState.DRAIN);
        for (int i = 0; i < 4; i++) {
            assertThat(f.get(client, "www", "/")).isEqualTo("200 w2");
        }
        assertThat(rows(admin("show stat web 4 1")).get(0)).containsEntry("status", "DRAIN");
        assertThat(admin("set server web/w1 state maint")).isEqualTo("\n");
        assertThat(server("web", "w1").adminState()).isEqualTo(AdminState.MAINT);
        assertThat(admin("set server web/w1 state ready")).isEqualTo("\n");
        assertThat(server("web", "w1").adminState()).isEqualTo(AdminState.READY);

        assertThat(admin("set server web/w9 state drain")).isEqualTo("No such server.\n\n");
        assertThat(admin("set server nope/w1 state drain")).isEqualTo("No such backend.\n\n");
        assertThat(admin("set server web state drain")).isEqualTo("Require 'backend/server'.\n\n");
        assertThat(admin("set server")).isEqualTo("Require 'backend/server'.\n\n");
        assertThat(admin("disable server")).isEqualTo("Require 'backend/server'.\n\n");
        assertThat(admin("set server web/w2 state")).isEqualTo(
                "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
        assertThat(admin("set server web/w2 state up")).isEqualTo(
                "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
        assertThat(admin("set server web/w2 blah")).isEqualTo(
                "usage: set server <backend>/<server> addr | state | weight\n\n");
        assertThat(admin("set server web/w2 health up")).isEqualTo(
                "'set server <srv> health' is not supported by Sluice.\n\n");
    }

    @Test
    void weightsAreSetAbsolutelyOrInPercentOfTheConfiguredOne() throws Exception {
        start();
        assertThat(admin("get weight web/w2")).isEqualTo("50 (initial 50)\n\n");
        assertThat(admin("set weight web/w2 20")).isEqualTo("\n");
        assertThat(admin("get weight web/w2")).isEqualTo("20 (initial 50)\n\n");
        assertThat(admin("set server web/w2 weight 50%")).isEqualTo("\n");
        assertThat(admin("get weight web/w2")).isEqualTo("25 (initial 50)\n\n");
        assertThat(server("web", "w2").weight()).isEqualTo(25);
        assertThat(admin("set server web/w2 weight 1000%")).isEqualTo("\n");
        assertThat(admin("get weight web/w2")).isEqualTo("256 (initial 50)\n\n");

        assertThat(admin("set weight web/w2")).isEqualTo("Require <weight> or <weight%>.\n\n");
        assertThat(admin("set server web/w2 weight 300")).isEqualTo(
                "Absolute weight can only be between 0 and 256 inclusive.\n\n");
        assertThat(admin("set server web/w2 weight -1%")).isEqualTo("Relative weight must be positive.\n\n");
        assertThat(admin("set server web/w2 weight abc")).isEqualTo(
                "Empty weight string empty or preceded by garbage\n\n");
        assertThat(admin("set server web/w2 weight 10x")).isEqualTo("Trailing garbage in weight string\n\n");
        assertThat(admin("set weight st/s1 10")).isEqualTo(
                "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n\n");
        assertThat(admin("set weight st/s1 0%")).isEqualTo("\n");
        assertThat(admin("get weight st/s1")).isEqualTo("0 (initial 1)\n\n");
        assertThat(admin("set weight st/s1 100%")).isEqualTo("\n");
        assertThat(admin("get weight st/s1")).isEqualTo("1 (initial 1)\n\n");
        assertThat(admin("get weight web/w9")).isEqualTo("No such server.\n\n");
        assertThat(admin("get weight")).isEqualTo("Require 'backend/server'.\n\n");
    }

    @Test
    void aServerMovedToAnotherAddressTakesTheNewConnectionsAndItsPooledOnesAreNotReused() throws Exception {
        start();
        int other = f.web("elsewhere");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(admin("set server web/w2 state maint")).isEqualTo("\n");
        assertThat(f.get(client, "www", "/")).isEqualTo("200 w1");

        assertThat(admin("set server web/w1 addr 127.0.0.1 port " + other)).isEqualTo(
                "no need to change the addr, port changed from '" + w1 + "' to '" + other
                        + "' by 'stats socket command'\n\n");
        for (int i = 0; i < 3; i++) {
            assertThat(f.get(client, "www", "/")).as("the same keep-alive client").isEqualTo("200 elsewhere");
        }
        assertThat(rows(admin("show stat web 4 1")).get(0)).containsEntry("addr", "127.0.0.1:" + other);
        assertThat(admin("set server web/w1 addr 127.0.0.1 port " + other)).isEqualTo(
                "no need to change the addr, no need to change the port by 'stats socket command'\n\n");
        assertThat(admin("set server web/w1 addr 127.0.0.2")).isEqualTo(
                "IP changed from '127.0.0.1' to '127.0.0.2' by 'stats socket command'\n\n");
        assertThat(admin("set server web/w1 addr ::1 port " + w1)).isEqualTo("IP changed from '127.0.0.2' to '::1', "
                + "port changed from '" + other + "' to '" + w1 + "' by 'stats socket command'\n\n");
        assertThat(rows(admin("show stat web 4 1")).get(0)).containsEntry("addr", "[::1]:" + w1);
        assertThat(admin("set server web/w1 addr 127.0.0.1 port abc")).isEqualTo("IP changed from '::1' to "
                + "'127.0.0.1', problem converting port 'abc' to an int by 'stats socket command'\n\n");
        assertThat(f.get(client, "www", "/")).isEqualTo("200 w1");
        assertThat(admin("set server web/w1 addr foo.example")).isEqualTo(
                "Invalid addr 'foo.example' by 'stats socket command'\n\n");
        assertThat(admin("set server web/w1 addr")).isEqualTo(
                "set server <b>/<s> addr requires an address and optionally a port.\n\n");
    }

    @Test
    void showServersStateDumpsHaproxysVersion1Format() throws Exception {
        start();
        assertThat(admin("set server web/w2 state drain")).isEqualTo("\n");
        assertThat(admin("set weight web/w2 10")).isEqualTo("\n");
        String state = admin("show servers state web");
        String[] lines = state.split("\n");
        assertThat(lines[0]).isEqualTo("1");
        assertThat(lines[1]).isEqualTo("# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state "
                + "srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result "
                + "srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port "
                + "srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port");
        assertThat(lines).hasSize(5);
        assertThat(lines[2]).matches("2 web 1 w1 127\\.0\\.0\\.1 2 0 1 1 \\d+ 1 0 2 0 0 0 0 - " + w1
                + " - 0 0 - - 0");
        assertThat(lines[3]).matches("2 web 2 w2 127\\.0\\.0\\.1 2 8 10 50 \\d+ 1 0 2 0 0 0 0 - " + w2
                + " - 0 0 - - 0");
        assertThat(lines[4]).matches("2 web 3 w3 127\\.0\\.0\\.1 0 5 1 1 \\d+ 1 0 0 8 0 0 0 - 1 - 0 0 - - 0");
        assertThat(state).endsWith("\n\n");
        assertThat(admin("show servers state").split("\n")).as("st's server too").hasSize(6);
        assertThat(admin("show servers state nope")).isEqualTo("Can't find backend.\n\n");
    }

    /** The {@code show stat} row of {@code backend}/{@code server} once {@code done} holds of it (5 s at most). */
    private Map<String, String> rowWhen(String backend, String server,
            java.util.function.Predicate<Map<String, String>> done) throws Exception {
        Map<String, String> row = Map.of();
        for (int i = 0; i < 100; i++) {
            row = rows(admin("show stat " + backend + " -1 -1")).stream()
                    .filter(r -> r.get("svname").equals(server)).findFirst().orElseThrow();
            if (done.test(row)) {
                return row;
            }
            Thread.sleep(50);
        }
        return row;
    }

    @Test
    void healthCheckedServersShowTheirChecksAndAMovedServerIsCheckedAtItsNewAddress() throws Exception {
        int web = f.web("up");
        f.start("""
                global
                    stats socket 127.0.0.1:0 level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:0
                    default_backend web
                backend web
                    server up 127.0.0.1:%d check inter 100ms rise 2 fall 3
                    server down 127.0.0.1:1 check inter 100ms rise 2 fall 3
                """.formatted(web));
        Map<String, String> down = rowWhen("web", "down", r -> r.get("status").equals("DOWN"));
        assertThat(down).containsEntry("status", "DOWN").containsEntry("check_status", "L4CON")
                .containsEntry("check_desc", "Layer4 connection problem").containsEntry("check_health", "0")
                .containsEntry("check_rise", "2").containsEntry("check_fall", "3").containsEntry("chkdown", "1")
                .containsEntry("check_code", "");
        assertThat(down).containsEntry("last_chk", "Connection refused");
        assertThat(Long.parseLong(down.get("chkfail"))).isGreaterThanOrEqualTo(3);
        Map<String, String> up = rowWhen("web", "up", r -> r.get("check_status").equals("L4OK"));
        assertThat(up).containsEntry("status", "UP").containsEntry("check_desc", "Layer4 check passed")
                .containsEntry("check_health", "4").containsEntry("chkfail", "0").containsEntry("last_chk", "");
        assertThat(admin("show servers state web")).contains(
                " web 1 up 127.0.0.1 2 0 1 1 ", " 6 3 4 6 0 0 0 - " + web + " - 0 0 - - 0\n",
                " web 2 down 127.0.0.1 0 0 1 1 ", " 8 2 0 6 0 0 0 - 1 - 0 0 - - 0\n");

        assertThat(admin("set server web/up addr 127.0.0.1 port 1")).isEqualTo("no need to change the addr, port "
                + "changed from '" + web + "' to '1' by 'stats socket command'\n\n");
        assertThat(rowWhen("web", "up", r -> r.get("status").equals("DOWN"))).as("checked where it now is")
                .containsEntry("status", "DOWN").containsEntry("check_status", "L4CON");
        assertThat(rowWhen("web", "BACKEND", r -> r.get("status").equals("DOWN")))
                .containsEntry("status", "DOWN").containsEntry("chkdown", "1").containsEntry("act", "0");
        assertThat(admin("set server web/up addr 127.0.0.1 port " + web)).contains("port changed");
        assertThat(rowWhen("web", "up", r -> r.get("status").equals("UP"))).containsEntry("status", "UP");
    }

    // ---- tables

    /** A table of two entries, as the stick tables will show them. */
    private static final class FakeTables implements StickTableView {

        final List<String> entries = new ArrayList<>(List.of("0x1: key=10.0.0.1 use=0 exp=1000 conn_cnt=5",
                "0x2: key=10.0.0.2 use=0 exp=2000 conn_cnt=1"));

        @Override
        public List<Table> tables() {
            return List.of(new Table("tbl", "ip", 1024, entries.size()));
        }

        @Override
        public List<String> entries(String name, List<String> filter) throws BadFilter {
            if (filter.isEmpty()) {
                return entries;
            }
            if (filter.size() == 2 && filter.get(0).equals("key")) {
                return entries.stream().filter(e -> e.contains("key=" + filter.get(1) + " ")).toList();
            }
            throw new BadFilter("Require a valid filter");
        }

        @Override
        public long clear(String name, List<String> filter) throws BadFilter {
            List<String> gone = entries(name, filter);
            entries.removeAll(gone);
            return gone.size();
        }
    }

    @Test
    void tablesShowTheirSizeToUsersAndTheirContentsToOperators() throws Exception {
        FakeTables tables = new FakeTables();
        f.tables = tables;
        start();
        assertThat(f.cli(1, "show table")).isEqualTo("# table: tbl, type: ip, size:1024, used:2\n\n");
        assertThat(f.cli(1, "show table tbl")).isEqualTo("# table: tbl, type: ip, size:1024, used:2\n"
                + "# contents not dumped due to insufficient privileges\n\n");
        assertThat(admin("show table tbl")).isEqualTo("# table: tbl, type: ip, size:1024, used:2\n"
                + "0x1: key=10.0.0.1 use=0 exp=1000 conn_cnt=5\n0x2: key=10.0.0.2 use=0 exp=2000 conn_cnt=1\n\n");
        assertThat(admin("show table tbl key 10.0.0.2")).isEqualTo("# table: tbl, type: ip, size:1024, used:2\n"
                + "0x2: key=10.0.0.2 use=0 exp=2000 conn_cnt=1\n\n");
        // a key that is not there: nothing, not even the header, as in HAProxy
        assertThat(admin("show table tbl key 10.0.0.9")).isEqualTo("\n");
        assertThat(admin("show table tbl data.x")).isEqualTo("Require a valid filter\n\n");
        assertThat(admin("show table nope")).isEqualTo("No such table\n\n");
        assertThat(f.cli(1, "clear table tbl")).isEqualTo("Permission denied\n\n");
        assertThat(admin("clear table tbl key 10.0.0.1")).isEqualTo("\n");
        assertThat(tables.entries).hasSize(1);
        assertThat(admin("clear table nope")).isEqualTo("No such table\n\n");
        assertThat(admin("clear table")).isEqualTo("Required arguments: <table> \"data.<store_data_type>\" "
                + "<operator> <value> or <table> key <key>\n\n");
    }

    @Test
    void withoutStickTablesThereIsNoTable() throws Exception {
        start();
        assertThat(admin("show table")).isEqualTo("\n");
        assertThat(admin("show table foo")).isEqualTo("No such table\n\n");
        assertThat(admin("clear table foo")).isEqualTo("No such table\n\n");
    }
}
