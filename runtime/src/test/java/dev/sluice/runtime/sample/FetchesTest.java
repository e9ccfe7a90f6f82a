package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.compiler.plan.SampleCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchesTest {

    private static final Map<String, Exchange> EXCHANGES = Map.of(
            // a request with repeated headers and cookies
            "req", Exchanges.get("/a/b.c?x=1&y=2&x=3")
                    .header("X-Forwarded-For", "10.1.1.1, 10.2.2.2")
                    .header("x-forwarded-for", "10.3.3.3:8080")
                    .header("Accept", "text/html, \"a,b\" , */*")
                    .header("Cookie", "a=1; b = two words ; $c=3")
                    .header("Cookie", "a=4, d=\"q;r\"")
                    .header("Content-Length", "42")
                    .build(),
            // absolute-form target over TLS from an IPv6 client
            "abs", SimpleExchange.builder().client("2001:db8::7", 50123).local("::1", 443).sni("www.example.com")
                    .request("POST", "https://www.example.com:443/p/q?r=s", "HTTP/2.0")
                    .header("host", "www.example.com:443").build(),
            // the response phase
            "res", Exchanges.get("/").header("X", "request").response(404, "HTTP/1.1")
                    .responseHeader("X", "one, two").responseHeader("Set-Cookie", "sid=abc; Path=/; a=b")
                    .responseHeader("Set-Cookie", "$x=1; lang=fr").build(),
            "star", SimpleExchange.builder().request("OPTIONS", "*", "HTTP/1.1").build(),
            "connect", SimpleExchange.builder().request("CONNECT", "example.com:443", "HTTP/1.1").build(),
            // a TCP connection: no HTTP at all
            "tcp", SimpleExchange.builder().client("10.0.0.1", 1).local("10.0.0.2", 2).build());

    @ParameterizedTest(name = "[{0}] {1} = {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "req | path | /a/b.c",
        "req | url | /a/b.c?x=1&y=2&x=3",
        "req | base | example.com/a/b.c",
        "req | query | x=1&y=2&x=3",
        "req | pathq | /a/b.c?x=1&y=2&x=3",
        "req | method | GET",
        "req | req.ver | 1.1",
        "req | src | 10.0.0.1",
        "req | src_port | 40000",
        "req | dst | 192.168.0.1",
        "req | dst_port | 80",
        "req | ssl_fc | 0",
        "req | ssl_fc_sni | none",
        "req | url_param(x) | 1",
        "req | urlp(y) | 2",
        "req | urlp(z) | none",
        "req | url_param | 1",
        "req | urlp_val(y) | 2",
        "req | hdr(x-forwarded-for) | 10.3.3.3:8080",
        "req | hdr(X-Forwarded-For,1) | 10.1.1.1",
        "req | hdr(x-forwarded-for,2) | 10.2.2.2",
        "req | hdr(x-forwarded-for,-1) | 10.3.3.3:8080",
        "req | hdr(x-forwarded-for,-3) | 10.1.1.1",
        "req | hdr(x-forwarded-for,4) | none",
        "req | req.hdr(accept,2) | \"a,b\"",
        "req | req.fhdr(x-forwarded-for) | 10.3.3.3:8080",
        "req | req.fhdr(x-forwarded-for,1) | 10.1.1.1, 10.2.2.2",
        "req | hdr_cnt(x-forwarded-for) | 3",
        "req | req.fhdr_cnt(x-forwarded-for) | 2",
        "req | hdr_cnt(nope) | 0",
        "req | hdr_ip(x-forwarded-for) | 10.3.3.3",
        "req | hdr_ip(x-forwarded-for,1) | 10.1.1.1",
        "req | hdr_ip(accept) | none",
        "req | hdr_val(content-length) | 42",
        "req | req.hdr(nope) | none",
        "req | cook(a) | 4",
        "req | req.cook(b) | two words",
        "req | cook(d) | \"q;r\"",
        "req | cook(c) | none",
        "req | cook($c) | none",
        "req | req.cook | 1",
        "req | cook_cnt(a) | 2",
        "req | cook_cnt | 4",
        "req | cook_val(a) | 4",
        "req | req.proto_http | 1",
        "abs | path | /p/q",
        "abs | base | www.example.com:443/p/q",
        "abs | url | https://www.example.com:443/p/q?r=s",
        "abs | src | 2001:db8::7",
        "abs | dst | ::1",
        "abs | dst_port | 443",
        "abs | ssl_fc | 1",
        "abs | ssl_fc_sni | www.example.com",
        "abs | req.ssl_sni | none", // HTTP: no ClientHello to read, deciphered or not (ssl_fc_sni names it)
        "abs | req.ver | 2.0",
        "abs | method | POST",
        "res | status | 404",
        "res | hdr(x) | two",
        "res | res.hdr(x,1) | one",
        "res | req.hdr(x) | request",
        "res | res.hdr_cnt(x) | 2",
        "res | res.fhdr(x) | one, two",
        "res | res.cook(sid) | abc",
        "res | res.cook(a) | none",
        "res | res.ver | 1.1",
        "req | status | none",
        "star | path | none",
        "star | url | *",
        "star | query | none",
        "star | base | none",
        "connect | path | none",
        "connect | url | example.com:443",
        "tcp | path | none",
        "tcp | method | none",
        "tcp | hdr(host) | none",
        "tcp | req.proto_http | 0",
        "tcp | src | 10.0.0.1",
        "tcp | always_true | 1",
        "tcp | always_false | 0",
        "tcp | int(-42) | -42",
        "tcp | str(hello) | hello",
        "tcp | bool(true) | 1",
        "tcp | bool(0) | 0",
        "tcp | ipv4(127.1) | 127.0.0.1",
        "tcp | ipv6(::FFFF:1.2.3.4) | ::ffff:1.2.3.4",
        "tcp | bin(414243) | ABC",
        "tcp | meth(PURGE) | PURGE",
        "tcp | wait_end | 1",
        "tcp | var(txn.unset) | none",
        "tcp | var(txn.unset,fallback) | fallback"})
    void fetches(String exchange, String expr, String expected) {
        assertThat(Exchanges.sample(expr, EXCHANGES.get(exchange))).isEqualTo(expected);
    }

    @Test
    void variablesAreReadFromTheirScope() {
        VariableStore vars = new VariableStore();
        vars.set("txn.n", SampleValue.ofInt(7));
        vars.set("proc.p", SampleValue.ofString("shared"));
        Exchange x = Exchanges.get("/").variables(vars).build();
        assertThat(Exchanges.sample("var(txn.n)", x)).isEqualTo("7");
        assertThat(Exchanges.sample("var(txn.n),add(1)", x)).isEqualTo("8");
        assertThat(Exchanges.sample("var(proc.p)", x)).isEqualTo("shared");
        assertThat(Exchanges.sample("var(req.n)", x)).isNull();
        assertThat(new SampleCompiler(Path.of(".")).sample(Plans.sample("var(txn.n)")).evaluate(x))
                .isEqualTo(SampleValue.ofInt(7));
    }

    @Test
    void processVariablesAreShared() {
        java.util.concurrent.ConcurrentHashMap<String, SampleValue> process = new java.util.concurrent.ConcurrentHashMap<>();
        VariableStore one = new VariableStore(process);
        VariableStore two = new VariableStore(process);
        one.set("proc.count", SampleValue.ofInt(1));
        one.set("txn.mine", SampleValue.ofInt(2));
        assertThat(two.get("proc.count")).isEqualTo(SampleValue.ofInt(1));
        assertThat(two.get("txn.mine")).isNull();
        one.unset("proc.count");
        assertThat(two.get("proc.count")).isNull();
        assertThatThrownBy(() -> one.set("tx.x", SampleValue.TRUE)).hasMessageContaining("tx.x");
        assertThatThrownBy(() -> one.set("txn.a-b", SampleValue.TRUE)).hasMessageContaining("txn.a-b");
    }

    @Test
    void anUnknownFetchIsNamed() {
        SampleCall call = new SampleCall("req.body", List.of(), List.of());
        assertThatThrownBy(() -> new SampleCompiler(Path.of(".")).sample(call))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample fetch 'req.body' is not supported by the runtime");
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThatThrownBy(() -> Exchanges.sample("bool(maybe)", EXCHANGES.get("tcp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> Exchanges.sample("ipv4(example.com)", EXCHANGES.get("tcp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
    }

    @Test
    void theNamesAreListed() {
        assertThat(Fetches.names()).contains("path", "hdr", "req.hdr", "src", "var", "url_param", "cook_cnt");
        assertThat(Fetches.supports("req.body")).isFalse();
    }

    @Test
    void anAclSeesEveryValueASampleSeesOne() {
        Exchange x = EXCHANGES.get("req");
        assertThat(Exchanges.acl("hdr(x-forwarded-for) 10.1.1.1", x)).isTrue();
        assertThat(Exchanges.acl("hdr(x-forwarded-for,1) 10.2.2.2", x)).isFalse();
        assertThat(Exchanges.acl("hdr_ip(x-forwarded-for) 10.2.2.2", x)).isTrue();
        assertThat(Exchanges.acl("req.fhdr(x-forwarded-for) 10.1.1.1", x)).isFalse();
        assertThat(Exchanges.acl("cook(a) 1", x)).isTrue();
        assertThat(Exchanges.acl("cook_val(a) 1", x)).isTrue();
        assertThat(Exchanges.acl("urlp(x) 3", x)).isTrue();
        assertThat(Exchanges.acl("urlp_val(x) 3", x)).isTrue();
        assertThat(Exchanges.acl("hdr_val(content-length) 42", x)).isTrue();
        assertThat(Exchanges.acl("req.len gt 100", x)).isTrue();
        assertThat(Exchanges.acl("hdr(x-forwarded-for),field(4,.) 2", x)).isTrue();
    }
}
