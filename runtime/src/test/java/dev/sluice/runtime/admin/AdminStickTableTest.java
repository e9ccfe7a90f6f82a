package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code show table} and {@code clear table} on the proxy's own stick tables, through a real socket. */
@Timeout(30)
class AdminStickTableTest {

    private final AdminFixture fx = new AdminFixture();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void start() throws Exception {
        int web = fx.web("web");
        fx.proxyTables = true;
        fx.start("""
                global
                    stats socket ipv4@127.0.0.1:0 level admin
                    stats socket ipv4@127.0.0.1:0 level user
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:0
                    stick-table type ip size 100k expire 30s store http_req_cnt,http_req_rate(10s)
                    http-request track-sc0 src
                    default_backend app
                backend app
                    server web 127.0.0.1:%d
                """.formatted(web));
    }

    @Test
    void showTableListsTheTablesAndDumpsTheEntriesACounterTracks() throws Exception {
        start();
        for (int i = 0; i < 3; i++) {
            assertThat(fx.get(client, "www", "/")).isEqualTo("200 web");
        }
        assertThat(fx.cli(0, "show table")).isEqualTo("# table: www, type: ip, size:102400, used:1\n\n");
        String dump = fx.cli(0, "show table www");
        assertThat(dump).startsWith("# table: www, type: ip, size:102400, used:1\n")
                .containsPattern("0x[0-9a-f]+: key=127\\.0\\.0\\.1 use=\\d+ exp=\\d+ http_req_cnt=3 http_req_rate\\(10000\\)=3");
        assertThat(fx.cli(0, "show table www key 127.0.0.1")).contains("key=127.0.0.1");
        assertThat(fx.cli(0, "show table www key 10.9.9.9")).isEqualTo("\n");
        assertThat(fx.cli(0, "show table www data.http_req_cnt gt 5")).isEqualTo(
                "# table: www, type: ip, size:102400, used:1\n\n");
        assertThat(fx.cli(0, "show table nope")).isEqualTo("No such table\n\n");
    }

    @Test
    void aUserSeesTheSizeButNotTheContentsAndOnlyAnOperatorClears() throws Exception {
        start();
        assertThat(fx.get(client, "www", "/")).isEqualTo("200 web");
        assertThat(fx.cli(1, "show table www")).isEqualTo("# table: www, type: ip, size:102400, used:1\n"
                + "# contents not dumped due to insufficient privileges\n\n");
        assertThat(fx.cli(1, "clear table www")).contains("Permission denied");
        assertThat(fx.cli(0, "show table")).contains("used:1");
        // the request is over, so nothing holds the entry: it goes
        assertThat(fx.cli(0, "clear table www")).isEqualTo("\n");
        assertThat(fx.cli(0, "show table")).isEqualTo("# table: www, type: ip, size:102400, used:0\n\n");
    }
}
