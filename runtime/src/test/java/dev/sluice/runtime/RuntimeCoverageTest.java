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
                backend web
                    balance hdr(host)
                    server w1 10.0.0.1:80 check inter 2s rise 2 fall 3 weight 10
                    server w2 10.0.0.2:80 check ssl verify none
                backend api
                    balance rdp-cookie
                    server a1 10.0.0.3:80
                peers mesh
                    peer a 10.0.0.9:10000
                """;
        var parsed = ConfigLoader.parse("c.cfg", config, ParseOptions.defaults());
        assertThat(RuntimeCoverage.unenforced(parsed.config()))
                .extracting(u -> u.span().line() + " " + u.what())
                .containsExactly("3 log", "5 stats socket option 'expose-fd'", "7 stats maxconn",
                        "10 option httplog", "16 http-request lua.auth", "23 server option 'ssl'",
                        "25 balance rdp-cookie", "27 section 'peers'");
    }
}
