package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same ACLs and sample expressions in HAProxy 2.6 and in Sluice, on the same requests,
 * and expects the same answers. One HAProxy process on 127.0.0.1 serves every request: each ACL
 * sets a variable when it matches, each sample is stored in a variable, and an
 * {@code http-request return} prints them all. The same configuration, compiled by Sluice's
 * compiler, gives the conditions and samples Sluice evaluates on an exchange built from the raw
 * request. Skipped when {@code haproxy} is not installed.
 */
class HaproxyConformanceTest {

    /** ACL expressions, as they follow {@code acl NAME}. */
    private static final List<String> ACLS = List.of(
            "method GET", "method -i get", "method get", "method -m beg G", "method -i GeT", "method FOO",
            "method -i foo", "method GET HEAD",
            "src 127.0.0.1", "src ::1", "src ::ffff:127.0.0.1", "src -m str 127.0.0.1", "src 127.0.0.0/255.0.0.0",
            "src 127.1", "src 10.0.0.0/8", "src ::/0", "dst_port 1024:", "dst_port :1023", "src_port gt 0",
            "hdr_dom(x) foo.bar", "hdr_dom(x) .bar.", "hdr_dir(x) /a/", "hdr(x) -m len 3", "hdr(x) -m len :1",
            "hdr(x) -m found", "hdr(x) -m bool", "hdr(x) -m int 12", "hdr(x) -m int lt 0", "hdr(x) -m ip 10.0.0.0/8",
            "hdr(x) -m ip ::ffff:10.0.0.0/104", "hdr(x) -m ip 2002::/16", "hdr(x) -m ip 010.0.0.1",
            "hdr(x,1) b", "hdr(x,-1) b", "hdr(x,2) b", "hdr(x) b", "hdr(x) -m reg -i ^B$", "hdr(x),lower b",
            "hdr_ip(x) 10.0.0.1", "hdr_ip(x) 10.0.0.0/8", "hdr_cnt(x) gt 1", "hdr_beg(x) -i B", "hdr_sub(x) -i OO",
            "hdr_end(x) .COM", "hdr_end(x) -i .COM", "hdr_len(x) 1", "hdr_reg(x) b+", "hdr(x),length -m int 3",
            "hdr_val(x) gt 5", "req.fhdr(x) -m sub ,", "req.fhdr(x) \"a, b\"", "hdr(x) -m bin 62",
            "hdr(x) -m sub -- -i", "hdr(x) -m str \"a b\"", "hdr(x) a\\ b", "hdr(x) -m reg ^a\\sb$",
            "urlp(a) 1", "urlp(a) 3", "urlp(a,;) z", "url_param(a) -m found", "urlp_val(a) 1",
            "path_dir b", "path_dom b", "path_beg /a", "path_end .c", "path_sub /b", "path_len 6", "path -m found",
            "path_reg ^/a/[bc]", "url_beg /", "url_reg ^[^/:]*://", "base_beg h/a", "base h/x", "query -m found",
            "query -m sub a=", "cook(a) 1", "cook(a) 3", "cook(a) -m found", "cook(A) 1", "cook_cnt(a) 2",
            "cook_val(a) gt 2", "req.cook -m found",
            "hdr(y) -m found", "hdr(y) -m len 0", "req.ver 1.1", "req.ver -m str 1.0", "req.ver -m int 1",
            "ssl_fc", "ssl_fc_sni -m found", "always_true", "always_false", "str(abc) -m sub b",
            "int(5) 5", "bool(1)", "hdr(x),upper -m beg B", "hdr(x),word(1,.) foo",
            "hdr(x),map(@DIR@/m.map) backend1", "hdr(x),map_beg(@DIR@/m.map,none) api_be",
            "hdr(x) -f @DIR@/p.lst", "hdr(x) -i -f @DIR@/p.lst", "hdr(x) -M -f @DIR@/m.map",
            "src -f @DIR@/ips.lst", "var(txn.s0) -m found");

    /** Predefined ACLs, used directly in the condition. */
    private static final List<String> PREDEFINED = List.of("TRUE", "FALSE", "HTTP", "HTTP_1.0", "HTTP_1.1",
            "HTTP_CONTENT", "HTTP_URL_ABS", "HTTP_URL_SLASH", "HTTP_URL_STAR", "LOCALHOST", "METH_CONNECT",
            "METH_DELETE", "METH_GET", "METH_HEAD", "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE",
            "REQ_CONTENT", "WAIT_END");

    /** Sample expressions, as they follow {@code http-request set-var(txn.sN)}. */
    private static final List<String> SAMPLES = List.of(
            "path", "url", "base", "query", "pathq", "req.ver", "src", "dst", "dst_port",
            "hdr(x)", "hdr(x,1)", "hdr(x,-2)", "hdr(x,0)", "hdr(x,9)", "req.fhdr(x)", "req.fhdr(x,1)", "hdr_cnt(x)",
            "req.fhdr_cnt(x)", "hdr_cnt", "hdr_ip(x)", "hdr_val(x)", "url_param(a)", "url_param", "url_param(a,;)",
            "url_param(a,&)", "url_param(,;)", "urlp_val(a)", "cook(a)", "req.cook", "cook_cnt(a)", "cook_cnt",
            "cook_val(a)", "cook(b)",
            "hdr(x),json", "hdr(x),json(utf8s)", "hdr(x),json(utf8)", "hdr(x),host_only", "hdr(x),port_only",
            "hdr(x),url_dec", "hdr(x),url_dec(1)", "hdr(x),word(2,.)", "hdr(x),field(2,.)", "hdr(x),field(-1,.,0)",
            "hdr(x),word(-2,.)", "hdr(x),word(2,.,0)", "hdr(x),field(-2,.,2)", "hdr(x),base64", "hdr(x),b64dec",
            "hdr(x),b64dec,base64", "hdr(x),upper", "hdr(x),lower", "hdr(x),length",
            "hdr(x),regsub(o,0,g)", "'hdr(x),regsub(\"(o+)\",<\\1>,g)'", "hdr(x),regsub(^x,-,g)", "hdr(x),regsub(x*,-,g)",
            "hdr(x),regsub(O,-,ig)", "hdr(x),map(@DIR@/m.map)", "hdr(x),map(@DIR@/m.map,dflt)",
            "hdr(x),map_beg(@DIR@/m.map)", "hdr(x),map_sub(@DIR@/m-sub.map)", "hdr(x),map_dom(@DIR@/m-dom.map)",
            "hdr(x),map_dir(@DIR@/m-dir.map)", "hdr(x),map_end(@DIR@/m-end.map)", "hdr(x),map_reg(@DIR@/m.map)",
            "hdr(x),map_regm(@DIR@/m.map)", "hdr(x),map_ip(@DIR@/ip.map)", "src,map_ip(@DIR@/ip.map,none)",
            "hdr(x),map_str_int(@DIR@/int.map,7)", "hdr_val(x),map_int(@DIR@/range.map)",
            "hdr_val(x),add(3)", "hdr_val(x),sub(-3),mul(2)", "hdr_val(x),div(0)", "hdr_val(x),mod(3)",
            "hdr_val(x),neg", "hdr_val(x),and(6)", "hdr_val(x),or(8)", "hdr_val(x),xor(1)", "hdr_val(x),bool",
            "hdr_val(x),not", "hdr_val(x),odd", "hdr_val(x),cpl", "hdr(x),add(1)", "int(-1),base64",
            "var(txn.nope,def)", "var(txn.nope)", "str(abc),length", "bool(0),not", "ssl_fc", "always_true",
            "hdr(x),field(1,\\ )");

    /** The requests, as sent; a header {@code x} carries most of the test values. */
    private static final List<String> REQUESTS = List.of(
            "GET /a/b/c?a=1&a=3 HTTP/1.1\nHost: h\nx: a,b , c\nx: 10.1.2.3\nCookie: a=1\nCookie: a=3; b=2\ny:\n",
            "get /a.b.c HTTP/1.1\nHost: h\nx: [::1]:80\n",
            "FOO /x HTTP/1.1\nHost: h\nx: foo.bar.com\n",
            "GET http://h/x/y?a HTTP/1.1\nHost: h\nx: 12.2.3.4:8080\n",
            "GET http://h HTTP/1.1\nHost: h\nx: /a//b\n",
            "GET /;a=z&x=1;a=y HTTP/1.1\nHost: h\nx: a/..b%2F%41+c?d+e\n",
            "GET / HTTP/1.1\nHost: h\nx: %zz\n",
            "GET / HTTP/1.1\nHost: h\nx: ..a..b..c.\n",
            "GET / HTTP/1.0\nx: \"\\\u00e9/\t<\n",
            "GET /p?a=1;A=2&a=3;b=4 HTTP/1.1\nHost: a,b\nx: b,foo.bar.COM\nx: -4\n",
            "GET / HTTP/1.1\nHost: h\nx: \u00c3\u00a9\u00ff a\n",
            "POST / HTTP/1.1\nHost: h\nContent-Length: 3\nx: ::ffff:10.1.1.1\nx: 2002:0a01:0101::1\n\nabc",
            "PUT /?&b HTTP/1.1\nHost: h\nx: YWJj\nCookie: =1; a=; b= 2 ; $c=3\n",
            "DELETE / HTTP/1.1\nHost: h\nx: 100\nx: 10\n",
            "OPTIONS * HTTP/1.1\nHost: h\nx: xoxooox\n",
            "GET / HTTP/1.1\nHost: h\nx: www.foo.com\n",
            "GET / HTTP/1.1\nHost: h\nx: /api/v1\n",
            "GET / HTTP/1.1\nHost: h\nx: /red\n",
            "GET / HTTP/1.1\nHost: h\nx: xbar.com.\n",
            "GET / HTTP/1.1\nHost: h\nx: 10.0.0.1:99999\n",
            "GET / HTTP/1.1\nHost: h\nx: 010.000.000.001\n",
            "GET / HTTP/1.1\nHost: h\nx: Foo.Com:8080\n",
            "GET / HTTP/1.1\nHost: h\nx: \"a,b\", c\n",
            "GET / HTTP/1.1\nHost: h\nx: a:b\n",
            "GET / HTTP/1.1\nHost: h\nx: -i\n",
            "GET / HTTP/1.1\nHost: h\nx: a b\n",
            "GET / HTTP/1.1\nHost: h\nx: c  \nx: 33\n",
            "GET / HTTP/1.1\nHost: h\nx: a,,b\nx:\n");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sluiceAnswersAsHaproxyDoes() throws Exception {
        Path haproxy = haproxy();
        Assumptions.assumeTrue(haproxy != null, "haproxy is not installed: the conformance test is skipped");
        writeFiles();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String config = config(port);
        Path cfg = dir.resolve("conformance.cfg");
        Files.writeString(cfg, config, StandardCharsets.ISO_8859_1);

        // Sluice's side: the same configuration, compiled.
        Frontend fe = Plans.compile(config).frontends().stream().filter(f -> f.name().equals("fe")).findFirst()
                .orElseThrow();
        SampleCompiler compiler = new SampleCompiler(dir);
        Map<String, CompiledCondition> conditions = new LinkedHashMap<>();
        Map<String, CompiledSample> samples = new LinkedHashMap<>();
        for (Rule r : fe.rules().httpRequest()) {
            if (!r.action().startsWith("set-var(txn.")) {
                continue;
            }
            String var = r.action().substring("set-var(txn.".length(), r.action().length() - 1);
            if (var.startsWith("f")) {
                continue; // HAProxy's "found" flag of sample sN: Sluice's is evaluate() != null
            }
            if (var.startsWith("s")) {
                assertThat(r.sample()).as("the compiled sample of %s %s", r.action(), r.args()).isNotNull();
                samples.put(var, compiler.sample(r.sample()));
            } else {
                conditions.put(var, compiler.condition(r.condition()));
            }
        }

        Process p = new ProcessBuilder(haproxy.toString(), "-f", cfg.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try {
            awaitListening(port, p);
            for (String request : REQUESTS) {
                Map<String, String> theirs = new LinkedHashMap<>();
                InetSocketAddress client = send(port, request, theirs);
                Exchange ours = exchange(request, client, port);
                // as the set-var rules do, in order, before the conditions
                for (var s : samples.entrySet()) {
                    SampleValue v = s.getValue().evaluate(ours);
                    if (v != null) {
                        ours.variables().set("txn." + s.getKey(), v);
                    }
                }
                for (var c : conditions.entrySet()) {
                    boolean expected = "1".equals(theirs.get(c.getKey()));
                    boolean actual = c.getValue().test(ours);
                    compared++;
                    if (expected != actual) {
                        mismatches.add(describe(request) + "  " + c.getKey() + " " + label(c.getKey()) + ": haproxy "
                                + expected + ", sluice " + actual);
                    }
                }
                for (var s : samples.entrySet()) {
                    String key = s.getKey();
                    boolean expectedFound = "1".equals(theirs.get("f" + key.substring(1)));
                    String expected = expectedFound ? theirs.get(key) : null;
                    String actual = s.getValue().evaluateString(ours);
                    compared++;
                    if (!java.util.Objects.equals(expected, actual)) {
                        mismatches.add(describe(request) + "  " + key + " " + s.getValue() + ": haproxy "
                                + quote(expected) + ", sluice " + quote(actual));
                    }
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(mismatches).as("%d comparisons", compared).isEmpty();
        assertThat(compared).isGreaterThan(REQUESTS.size() * (ACLS.size() + SAMPLES.size()));
    }

    private String config(int port) {
        StringBuilder b = new StringBuilder();
        b.append("global\n  log stderr local0 err\ndefaults\n  mode http\n  timeout client 5s\n")
                .append("  timeout server 5s\n  timeout connect 5s\nfrontend fe\n  bind 127.0.0.1:").append(port)
                .append('\n');
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < SAMPLES.size(); i++) {
            b.append("  http-request set-var(txn.s").append(i).append(") ").append(expand(SAMPLES.get(i))).append('\n');
            b.append("  http-request set-var(txn.f").append(i).append(") bool(1) if { var(txn.s").append(i)
                    .append(") -m found }\n");
            out.append("s").append(i).append("=%[var(txn.s").append(i).append(")]\\n");
            out.append("f").append(i).append("=%[var(txn.f").append(i).append(")]\\n");
        }
        for (int i = 0; i < ACLS.size(); i++) {
            b.append("  acl a").append(i).append(' ').append(expand(ACLS.get(i))).append('\n');
            b.append("  http-request set-var(txn.a").append(i).append(") bool(1) if a").append(i).append('\n');
            out.append("a").append(i).append("=%[var(txn.a").append(i).append(")]\\n");
        }
        for (int i = 0; i < PREDEFINED.size(); i++) {
            b.append("  http-request set-var(txn.p").append(i).append(") bool(1) if ").append(PREDEFINED.get(i))
                    .append('\n');
            out.append("p").append(i).append("=%[var(txn.p").append(i).append(")]\\n");
        }
        b.append("  http-request return status 200 content-type text/plain lf-string \"").append(out).append("\"\n");
        return b.toString();
    }

    private String expand(String s) {
        return s.replace("@DIR@", dir.toString());
    }

    private static String label(String key) {
        int i = Integer.parseInt(key.substring(1));
        return key.startsWith("a") ? ACLS.get(i) : PREDEFINED.get(i);
    }

    private void writeFiles() throws IOException {
        Files.writeString(dir.resolve("m.map"), "# comment\n  foo.com  backend1  \nbar.com\tbackend2 with space\n\n"
                + "10.0.0.0/8 net10\n  # indented comment\n/api   api_be\n/api/v1 api_v1\n^/re(.*)$ re_\\1\n"
                + "www.foo.com www\n");
        // HAProxy 2.6 caches list lookups per file, not per match method: one file per method
        for (String method : List.of("sub", "dom", "dir", "end")) {
            Files.copy(dir.resolve("m.map"), dir.resolve("m-" + method + ".map"));
        }
        Files.writeString(dir.resolve("ip.map"), "127.0.0.0/8 lo\n10.0.0.0/8 ten\n10.1.0.0/16 ten-one\n::1 six\n");
        Files.writeString(dir.resolve("int.map"), "foo.com 1\nbar.com 22\n");
        Files.writeString(dir.resolve("range.map"), "0:9 small\n10:99 medium\n100: large\n");
        Files.writeString(dir.resolve("p.lst"), "b\n  # x\n\n  c  \n#d\n d\nB\n");
        Files.writeString(dir.resolve("ips.lst"), "# local\n10.0.0.0/8\n127.0.0.1\n");
    }

    private static Path haproxy() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "haproxy");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void awaitListening(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("haproxy exited: " + new String(p.getInputStream().readAllBytes()));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("haproxy is not listening on " + port);
    }

    /** Sends one request and reads HAProxy's report into {@code values}; returns the client's address. */
    private static InetSocketAddress send(int port, String request, Map<String, String> values) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            String[] headAndBody = request.split("\n\n", 2);
            String wire = headAndBody[0].replace("\n", "\r\n") + "\r\nConnection: close\r\n\r\n"
                    + (headAndBody.length > 1 ? headAndBody[1] : "");
            OutputStream out = s.getOutputStream();
            out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 200")) {
                throw new AssertionError("haproxy answered " + text.lines().findFirst().orElse("nothing") + " to "
                        + describe(request));
            }
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    /** The exchange Sluice would see for {@code request}. */
    private static Exchange exchange(String request, InetSocketAddress client, int port) {
        String head = request.split("\n\n", 2)[0];
        String[] lines = head.split("\n");
        String[] requestLine = lines[0].split(" ");
        SimpleExchange.Builder b = SimpleExchange.builder().client(client).local("127.0.0.1", port)
                .request(requestLine[0], requestLine[1], requestLine[2]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            b.header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
        }
        return b.build();
    }

    private static String describe(String request) {
        return "[" + request.replace("\n", "\\n") + "]";
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
