package dev.sluice.runtime.conformance;

import static dev.sluice.runtime.conformance.ConfigTemplate.DEFAULTS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: stick tables, tracking and {@code tcp-request} rules. */
@Timeout(60)
class StickTableConformanceTest {

    @Test
    void requestRateLimit() throws Exception {
        Scenario.named("stick table rate limit: 429 past the limit, served again after the period")
                .config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            stick-table type ip size 100k expire 30s store http_req_rate(2s)
                            http-request track-sc0 src
                            http-request deny deny_status 429 if { sc_http_req_rate(0) gt 3 }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .separateConnections(Request.get("/1"), Request.get("/2"), Request.get("/3"), Request.get("/4"),
                        Request.get("/5"))
                .connectionFrom("127.0.0.2", Request.get("/other-client"))
                // two periods after the burst began, nothing is left of it
                .pause(Duration.ofMillis(4_500))
                .connection(Request.get("/again"))
                .run();
    }

    @Test
    void errorRateAndGeneralPurposeCounters() throws Exception {
        Scenario.named("stick table http_err_cnt and gpc0 read back in headers").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            stick-table type ip size 1k expire 30s store http_err_cnt,http_req_cnt,gpc0,conn_cur
                            http-request track-sc0 src
                            http-request sc-inc-gpc0(0) if { path_beg /mark }
                            http-request deny deny_status 403 if { path_beg /forbidden }
                            http-request deny deny_status 429 if { sc_http_err_cnt(0) ge 2 }
                            http-response set-header X-Req %[sc_http_req_cnt(0)]
                            http-response set-header X-Gpc0 %[sc_get_gpc0(0)]
                            http-response set-header X-Cur %[sc0_conn_cur]
                            http-response set-header X-Src-Gpc0 %[src_get_gpc0]
                            http-response set-header X-Not-Stored "%[sc0_sess_cnt]"
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/mark/1"), Request.get("/mark/2"), Request.get("/plain"))
                .separateConnections(Request.get("/forbidden"))
                .connection(Request.get("/after-one-error"))
                .separateConnections(Request.get("/forbidden"))
                .connection(Request.get("/after-two-errors"))
                .run();
    }

    @Test
    void connectionLimitPerSource() throws Exception {
        Scenario.named("tcp-request connection reject past a source's concurrent connections").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            stick-table type ip size 1k store conn_cur
                            tcp-request connection track-sc0 src
                            tcp-request connection reject if { sc0_conn_cur gt 1 }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .inFlight(Request.get("/sleep/1500"))
                .pause(Duration.ofMillis(300))
                .connection(Request.get("/while-busy"))
                .connectionFrom("127.0.0.2", Request.get("/another-source"))
                .awaitInFlight()
                .pause(Duration.ofMillis(300))
                .connection(Request.get("/after"))
                .run();
    }

    @Test
    void stickOnSource() throws Exception {
        Scenario.named("stick on src keeps each client on one server").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            default_backend app
                        backend app
                            balance roundrobin
                            stick-table type ip size 1k expire 1m
                            stick on src
                            server a ${server:a}
                            server b ${server:b}
                        """)
                .httpServers("a", "b")
                .roundRobinOver("a", "b")
                .connectionFrom("127.0.0.1", Request.get("/x"))
                .connectionFrom("127.0.0.2", Request.get("/x"))
                .connectionFrom("127.0.0.1", Request.get("/y"), Request.get("/z"))
                .connectionFrom("127.0.0.2", Request.get("/y"), Request.get("/z"))
                .connectionFrom("127.0.0.3", Request.get("/x"))
                .connectionFrom("127.0.0.3", Request.get("/y"))
                .run();
    }

    @Test
    void tcpModeStickOnSourceAndContentRules() throws Exception {
        Scenario.named("mode tcp: stick on src, tcp-request content rules").config("""
                        defaults
                            mode tcp
                            timeout connect 1s
                            timeout client 5s
                            timeout server 5s
                        frontend db
                            bind 127.0.0.1:${port:db}
                            stick-table type ip size 1k store conn_cnt,sess_cnt
                            tcp-request content track-sc2 src
                            tcp-request content reject if { sc2_conn_cnt gt 3 }
                            default_backend echo
                        backend echo
                            balance roundrobin
                            stick-table type ip size 1k
                            stick on src
                            server a ${server:a}
                            server b ${server:b}
                        """)
                .tcpServers("a", "b")
                .roundRobinOver("a", "b")
                .tcp("one\n".getBytes(StandardCharsets.ISO_8859_1))
                .tcp("two\n".getBytes(StandardCharsets.ISO_8859_1))
                .tcp("three\n".getBytes(StandardCharsets.ISO_8859_1))
                .tcp("four: rejected\n".getBytes(StandardCharsets.ISO_8859_1))
                .run();
    }

    @Test
    void anAcceptAmongTheDefaultsRulesSkipsTheProxysOwn() throws Exception {
        Scenario.named("tcp-request connection accept in a named defaults section skips the frontend's reject")
                .config("""
                        defaults base
                            mode http
                            timeout connect 1s
                            timeout client 5s
                            timeout server 5s
                            tcp-request connection accept if { src 127.0.0.2 }
                        defaults plain
                            mode http
                            timeout connect 1s
                            timeout client 5s
                            timeout server 5s
                        frontend www from base
                            bind 127.0.0.1:${port:www}
                            tcp-request connection reject
                            default_backend app
                        backend app from plain
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/refused"))
                .connectionFrom("127.0.0.2", Request.get("/accepted"))
                .run();
    }
}
