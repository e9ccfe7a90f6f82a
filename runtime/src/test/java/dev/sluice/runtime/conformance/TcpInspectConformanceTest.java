package dev.sluice.runtime.conformance;

import dev.sluice.runtime.ClientHellos;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Side by side with HAProxy: {@code tcp-request content} rules that inspect a TCP stream's first
 * bytes while {@code tcp-request inspect-delay} runs: routing on the TLS server name, waiting for
 * a ClientHello that arrives in pieces, deciding at the delay's end or when the client ends its
 * side, payload matches, {@code WAIT_END} and {@code req.proto_http}. (Without a delay HAProxy's
 * rules see whatever was read when the stream started, which depends on timing: not compared.)
 * Each answer also says
 * whether the proxy decided at once or after waiting, and echoes the bytes the server received.
 */
@Timeout(120)
class TcpInspectConformanceTest {

    private static final String DEFAULTS = """
            defaults
                mode tcp
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            """;
    /** Three TCP test servers, each behind a backend of its name. */
    private static final String SERVERS = """
            backend a
                server a ${server:a}
            backend b
                server b ${server:b}
            backend c
                server c ${server:c}
            """;
    private static final Duration GAP = Duration.ofMillis(200);
    /** Well under the delays below: a decision before it was not waiting for the delay. */
    private static final Duration SOON = Duration.ofMillis(900);

    @Test
    void routesOnTheTlsServerNameAndWaitsForTheWholeHello() throws Exception {
        byte[] a = ClientHellos.of("a.example.com");
        byte[] b = ClientHellos.of("www.b.example");
        byte[] none = ClientHellos.of(null);
        Scenario.named("tcp inspect sni").config(DEFAULTS + """
                        frontend tls
                            bind 127.0.0.1:${port:tls}
                            tcp-request inspect-delay 2s
                            tcp-request content accept if { req_ssl_hello_type 1 }
                            use_backend a if { req_ssl_sni -i A.example.com }
                            use_backend b if { req.ssl_sni -m end .b.example }
                            default_backend c
                        """ + SERVERS)
                .tcpServers("a", "b", "c")
                .clientFirst("tls", List.of(a), GAP, false, SOON)
                .clientFirst("tls", halves(a), GAP, false, SOON)
                .clientFirst("tls", pieces(b, 3), GAP, false, SOON)
                .clientFirst("tls", List.of(none), GAP, false, SOON)
                // not TLS: the rule cannot match, whatever follows; decided at once
                .clientFirst("tls", List.of(ascii("hello\n")), GAP, false, SOON)
                // a hello that stops half way: the delay runs out, then it is not one
                .clientFirst("tls", List.of(Arrays.copyOf(a, a.length / 2)), GAP, false, SOON)
                // the client ends its side: no more to wait for
                .clientFirst("tls", List.of(Arrays.copyOf(a, 3)), GAP, true, SOON)
                .run();
    }

    @Test
    void readsTheHellosVersionAlpnAndExtensions() throws Exception {
        Scenario.named("tcp inspect hello").config(DEFAULTS + """
                        frontend tls
                            bind 127.0.0.1:${port:tls}
                            tcp-request inspect-delay 2s
                            tcp-request content reject if { req.ssl_ver lt 3.1 }
                            tcp-request content accept if { req.ssl_hello_type 1 }
                            use_backend a if { req.ssl_alpn h2 } { req.ssl_ec_ext }
                            use_backend b if { req_ssl_ver 3.3 } { req.ssl_st_ext 1 }
                            use_backend b if { req.ssl_ver 3.1:3.2 }
                            default_backend c
                        """ + SERVERS)
                .tcpServers("a", "b", "c")
                .clientFirst("tls", List.of(ClientHellos.of("x.example", List.of("h2", "http/1.1"), "TLSv1.2")), GAP,
                        false, SOON)
                .clientFirst("tls", List.of(ClientHellos.of("x.example", List.of("http/1.1", "h2"), "TLSv1.3")), GAP,
                        false, SOON)
                .clientFirst("tls", List.of(ClientHellos.of("x.example", List.of(), "TLSv1.2")), GAP, false, SOON)
                // a hello offering SSL 3.0: rejected at once
                .clientFirst("tls", List.of(new byte[] {0x16, 3, 0, 0, 6, 1, 0, 0, 2, 3, 0}), GAP, false, SOON)
                // a record too short to hold a version: the delay runs out, then the rules decide
                .clientFirst("tls", List.of(new byte[] {0x16, 3, 0, 0, 4, 1, 0, 0, 0}), GAP, false, SOON)
                .run();
    }

    @Test
    void payloadLengthAndWaitEnd() throws Exception {
        Scenario.named("tcp inspect payload").config(DEFAULTS + """
                        frontend raw
                            bind 127.0.0.1:${port:raw}
                            tcp-request inspect-delay 1500ms
                            tcp-request content reject if { req.payload(0,3) -m bin 424144 }
                            tcp-request content accept if { req.len ge 8 }
                            tcp-request content accept if WAIT_END
                            use_backend a if { req.payload(0,2) -m bin 4142 }
                            use_backend b if { payload_lv(0,1) -m str xyz }
                            default_backend c
                        frontend full
                            bind 127.0.0.1:${port:full}
                            tcp-request inspect-delay 1500ms
                            tcp-request content accept if WAIT_END
                            default_backend c
                        """ + SERVERS)
                .tcpServers("a", "b", "c")
                // a full buffer ends the wait: the rules decide, and every byte reaches the server
                .clientFirst("full", List.of(new byte[20_000]), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("BADxxxxx")), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("BA"), ascii("D")), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("ABCDEFGHIJ")), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("AB")), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("ABcd"), ascii("efgh")), GAP, false, SOON)
                .clientFirst("raw", List.of(ascii("\u0003xyz")), GAP, true, SOON)
                .clientFirst("raw", List.of(ascii("\u0003xyz12345")), GAP, false, SOON)
                .run();
    }

    @Test
    void detectsHttp() throws Exception {
        Scenario.named("tcp inspect http").config(DEFAULTS + """
                        frontend detect
                            bind 127.0.0.1:${port:detect}
                            tcp-request inspect-delay 2s
                            tcp-request content accept if HTTP
                            tcp-request content accept if { req.ssl_hello_type 1 }
                            use_backend a if HTTP
                            use_backend b if { req.ssl_hello_type 1 }
                            default_backend c
                                """ + SERVERS)
                .tcpServers("a", "b", "c")
                .clientFirst("detect", List.of(ascii("GET / HTTP/1.1\r\nHost: x\r\n"), ascii("\r\n")), GAP, false, SOON)
                .clientFirst("detect", List.of(ascii("GET /x HTTP/1.0\r\n\r\n")), GAP, false, SOON)
                .clientFirst("detect", List.of(ClientHellos.of("x.example")), GAP, false, SOON)
                .clientFirst("detect", List.of(ascii("SSH-2.0-OpenSSH_9.6\r\n")), GAP, false, SOON)
                .run();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> halves(byte[] b) {
        return pieces(b, 2);
    }

    private static List<byte[]> pieces(byte[] b, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Arrays.copyOfRange(b, i * b.length / n, (i + 1) * b.length / n));
        }
        return out;
    }
}
