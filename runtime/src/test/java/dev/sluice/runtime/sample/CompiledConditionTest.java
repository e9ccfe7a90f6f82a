package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.plan.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions as rules write them: {@code if}/{@code unless}, {@code !}, {@code or}/{@code ||}, named and anonymous ACLs. */
class CompiledConditionTest {

    private static final String[] ACLS = {
        "acl api path_beg /api",
        "acl admin path_beg /admin",
        "acl admin hdr(x-admin) -m found", // a second line: the ACL matches when either does
        "acl internal src 10.0.0.0/8",
        "acl nothing hdr(nope) -m found"};

    private static final Map<String, Exchange> EXCHANGES = Map.of(
            "api", Exchanges.get("/api/v1").build(),
            "admin", Exchanges.get("/admin").build(),
            "flagged", Exchanges.get("/").header("X-Admin", "").build(),
            "outside", SimpleExchange.builder().client("192.0.2.1", 1).local("127.0.0.1", 80)
                    .request("POST", "/api/v1", "HTTP/1.0").header("Content-Length", "12").build(),
            "star", SimpleExchange.builder().client("::1", 1).local("::1", 80)
                    .request("OPTIONS", "*", "HTTP/1.1").build(),
            "connect", SimpleExchange.builder().client("127.0.0.2", 1).local("127.0.0.1", 80)
                    .request("CONNECT", "h:443", "HTTP/1.1").build(),
            "absolute", Exchanges.get("http://h/x").build(),
            "tcp", SimpleExchange.builder().client("10.1.1.1", 1).local("10.0.0.2", 2).build());

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '#', value = {
        "api # if api # true",
        "api # unless api # false",
        "api # if !api # false",
        "api # if api internal # true",
        "api # if api !internal # false",
        "api # if admin || internal # true",
        "api # if admin or nothing # false",
        "api # if nothing or api internal # true",
        "api # unless admin or nothing # true",
        "admin # if admin # true",
        "flagged # if admin # true",
        "flagged # if !admin # false",
        "api # if !nothing # true",
        "api # if { path_beg /api } { src 10.0.0.1 } # true",
        "api # if !{ path_beg /api } || { method GET } # true",
        "api # if !{ hdr(nope) -m found } # true",
        "api # if !{ hdr(nope) -m str x } # true",
        "outside # if api !internal # true",
        "outside # if TRUE # true",
        "outside # if FALSE # false",
        "outside # unless FALSE # true",
        "outside # if HTTP # true",
        "outside # if HTTP_1.0 # true",
        "outside # if HTTP_1.1 # false",
        "outside # if HTTP_CONTENT # true",
        "outside # if METH_POST # true",
        "outside # if METH_GET # false",
        "outside # if REQ_CONTENT # true",
        "outside # if WAIT_END # true",
        "outside # if LOCALHOST # false",
        "outside # if HTTP_URL_SLASH # true",
        "api # if HTTP_CONTENT # false",
        "api # if METH_GET # true",
        "api # if METH_HEAD # false",
        "api # if HTTP_1.1 # true",
        "star # if HTTP_URL_STAR METH_OPTIONS LOCALHOST # true",
        "star # if HTTP_URL_SLASH # false",
        "connect # if METH_CONNECT LOCALHOST # true",
        "connect # if METH_PUT or METH_DELETE or METH_TRACE # false",
        "absolute # if HTTP_URL_ABS # true",
        "absolute # if HTTP_URL_SLASH # false",
        "tcp # if HTTP # false",
        "tcp # if !HTTP internal # true",
        "tcp # if METH_GET # false",
        "tcp # if !METH_GET # true"})
    void conditions(String exchange, String condition, boolean expected) {
        Condition c = Plans.condition(condition, ACLS);
        assertThat(new SampleCompiler(Path.of(".")).condition(c).test(EXCHANGES.get(exchange))).isEqualTo(expected);
    }

    @Test
    void aRuleWithoutConditionAlwaysApplies() {
        assertThat(new SampleCompiler(Path.of(".")).condition(null).test(EXCHANGES.get("tcp"))).isTrue();
    }

    @Test
    void noGroupNeverMatchesUnlessInverted() {
        SampleCompiler compiler = new SampleCompiler(Path.of("."));
        assertThat(compiler.condition(new Condition(false, List.of())).test(EXCHANGES.get("api"))).isFalse();
        assertThat(compiler.condition(new Condition(true, List.of())).test(EXCHANGES.get("api"))).isTrue();
    }

    @Test
    void aConditionPrintsAsWritten() {
        CompiledCondition c = new SampleCompiler(Path.of("."))
                .condition(Plans.condition("if api !internal || { hdr(host) -i a }", ACLS));
        assertThat(c).hasToString("if api !internal || { req.hdr(host) -m str -i a }");
    }
}
