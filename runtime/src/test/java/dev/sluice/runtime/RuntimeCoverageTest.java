package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseOptions;
import org.junit.jupiter.api.Test;

/** Which lines the runtime reports at start as accepted but not enforced. */
class RuntimeCoverageTest {

    @Test
    void reportsExactlyTheLinesTheRuntimeIgnores() {
        String config = """
                global
                    maxconn 100
                    log stdout format raw local0
                    stats socket /run/sluice.sock mode 600 level admin user haproxy group haproxy
                    stats socket ipv4@127.0.0.1:9999 level user expose-fd listeners
                    stats timeout 30s
                    stats maxconn 5
                defaults
                    mode http
                    option httplog
                    timeout connect 1s
                frontend www
                    bind :80
                    acl api path_beg /api
                    http-request set-header X-A 1
                    http-request lua.auth
                    http-response del-header Server
                    use_backend api if api
                    default_backend web
                    stick-table type ip size 1m expire 10s store http_req_rate(10s),conn_cur peers mesh
                    tcp-request inspect-delay 5s
                    tcp-request connection track-sc0 src
                    tcp-request connection reject if { sc0_conn_cur gt 10 }
                    tcp-request session sc-inc-gpc0(0)
                    tcp-request content silent-drop if { src 10.0.0.0/8 }
                    tcp-request content set-var(txn.x) src
                    http-request track-sc1 src table api
                    http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }
                    http-response sc-set-gpt0(1) 1
                    http-request return status 200 content-type text/html lf-file /etc/page.html if { path / }
                backend web
                    balance hdr(host)
                    server w1 10.0.0.1:80 check inter 2s rise 2 fall 3 weight 10 non-stick
                    server w2 10.0.0.2:80 check ssl verify none
                backend api
                    balance rdp-cookie
                    stick-table type ip size 10k store gpt0
                    stick on src
                    stick store-response res.cook(srv)
                    server a1 10.0.0.3:80
                    tcp-response content accept
                peers mesh
                    peer a 10.0.0.9:10000
                    table t type string len 32 size 1k
                """;
        var parsed = ConfigLoader.parse("c.cfg", config, ParseOptions.defaults());
        assertThat(RuntimeCoverage.unenforced(parsed.config()))
                .extracting(u -> u.span().line() + " " + u.what())
                .containsExactly("3 log", "5 stats socket option 'expose-fd'", "7 stats maxconn",
                        "10 option httplog", "16 http-request lua.auth",
                        "20 stick-table option 'peers' (no synchronization)",
                        "25 tcp-request content silent-drop", "30 option 'lf-file' of http-request return",
                        "34 server option 'ssl'", "36 balance rdp-cookie", "41 tcp-response content", "43 peers 'peer'");
    }
}
