package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.compiler.Compiler;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The plan's JSON reads back to an equal plan and is written byte for byte the same; the
 * compiler, fed random configurations, fails only with {@link CompileException}.
 */
class PlanJsonPropertiesTest {

    @Provide
    Arbitrary<Path> fixtures() {
        List<Path> all = new ArrayList<>(Fixtures.goldenConfigs());
        all.addAll(Fixtures.samples());
        return Arbitraries.of(all);
    }

    @Property(tries = 60)
    void jsonRoundTripsAndIsByteStable(@ForAll("fixtures") Path config) throws Exception {
        Plan plan = Fixtures.compile(config);
        String json = PlanJson.write(plan);
        Plan read = PlanJson.read(json);
        assertThat(read).isEqualTo(plan);
        assertThat(PlanJson.write(read)).isEqualTo(json);
        assertThat(PlanJson.write(Fixtures.compile(config))).isEqualTo(json);
    }

    @Property(tries = 60)
    void jsonStartsWithTheSchemaVersion(@ForAll("fixtures") Path config) throws Exception {
        assertThat(PlanJson.write(Fixtures.compile(config))).startsWith("{\n  \"schemaVersion\": 1,\n");
    }

    @Example
    void anotherSchemaVersionIsRefused() {
        assertThatThrownBy(() -> PlanJson.read("{\"schemaVersion\": 2}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> PlanJson.read("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void secondsAreAThousandMilliseconds(@ForAll @LongRange(max = 1_000_000_000L) long n) {
        assertThat(Units.parseTime(n + "s")).isEqualTo(n * 1000);
        assertThat(Units.parseTime(n + "ms")).isEqualTo(n);
        assertThat(Units.parseTime(Long.toString(n))).isEqualTo(n);
    }

    @Property
    void microsecondsRoundUp(@ForAll @LongRange(max = 1_000_000_000L) long us) {
        assertThat(Units.parseTime(us + "us")).isEqualTo((us + 999) / 1000);
    }

    @Property
    void sizeSuffixesAreBinary(@ForAll @IntRange(max = 1_000_000) int n) {
        assertThat(Units.parseSize(n + "k")).isEqualTo(n * 1024L);
        assertThat(Units.parseSize(n + "M")).isEqualTo(n * 1024L * 1024);
        assertThat(Units.parseSize(n + "g")).isEqualTo(n * 1024L * 1024 * 1024);
    }

    private static final List<String> PIECES = List.of("global\n", "defaults\n", "defaults base\n",
            "defaults d2 from base\n", "frontend web\n", "frontend web from base\n", "backend app\n",
            "backend app from d2\n", "listen l\n", "    bind :80\n", "    bind :443,:8443 ssl crt x.pem alpn h2\n",
            "    mode http\n", "    mode tcp\n", "    default_backend app\n", "    use_backend app if { path /x }\n",
            "    use_backend %[req.hdr(host)]\n", "    acl a path /a\n", "    acl n dst_port gt 80\n",
            "    http-request deny if a || !n\n", "    http-request track-sc0 src\n", "    redirect prefix /x\n",
            "    tcp-request connection accept\n", "    tcp-response content accept\n", "    timeout client 1s\n",
            "    timeout connect 1500us\n", "    server s 127.0.0.1:80 check inter 1s\n",
            "    default-server rise 3\n", "    stick-table type ip size 1k\n", "    option httplog\n",
            "    no option httplog\n", "    no option redispatch\n", "    option httpchk GET /\n",
            "    http-check expect status 200\n", "    cookie S insert\n", "    log global\n", "    log-format \"%ci\"\n",
            "    stats enable\n", "    stats auth a:b\n", "    stats socket /tmp/s\n", "    errorfiles e\n",
            "http-errors e\n", "    errorfile 503 /x\n", "    balance hdr(host)\n", "    balance bogus\n",
            "    disabled\n", "peers p\n", "    peer here 127.0.0.1:1024\n", "    table t type ip size 1k\n",
            "userlist u\n", "    user x insecure-password y\n", "resolvers r\n", "    nameserver n 1.1.1.1:53\n",
            "cache c\n", "    total-max-size 4\n", "x", " ", "\n");

    @Provide
    Arbitrary<String> configurations() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void theCompilerFailsOnlyWithCompileErrors(@ForAll("configurations") String text) {
        ParseResult parsed = ConfigLoader.parse("fuzz.cfg", text, Fixtures.options(HaproxyVersion.DEFAULT));
        try {
            Plan plan = Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
            assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
        } catch (CompileException e) {
            assertThat(e.getMessage()).startsWith("fuzz.cfg:");
        }
    }
}
