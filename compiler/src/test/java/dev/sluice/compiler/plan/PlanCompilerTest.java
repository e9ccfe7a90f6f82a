package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compiler makes of a configuration, one HAProxy rule at a time. */
class PlanCompilerTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            """;

    private static Plan compile(String text) throws CompileException {
        return Fixtures.compileText(text);
    }

    // ---- defaults

    @Test
    void aProxyInheritsTheLastDefaultsSectionBeforeIt() throws Exception {
        Plan plan = compile("""
                defaults first
                    mode http
                    retries 7
                defaults second
                    mode tcp
                backend b
                    server s 10.0.0.1:80
                """);
        Backend b = plan.backend("b").orElseThrow();
        assertThat(b.mode()).isEqualTo("tcp");
        assertThat(b.retries()).as("'second' starts from nothing, not from 'first'").isEqualTo(3);
    }

    @Test
    void fromNamesTheDefaultsSection() throws Exception {
        Plan plan = compile("""
                defaults first
                    mode http
                    retries 7
                defaults second
                    mode tcp
                backend b from first
                    server s 10.0.0.1:80
                """);
        Backend b = plan.backend("b").orElseThrow();
        assertThat(b.mode()).isEqualTo("http");
        assertThat(b.retries()).isEqualTo(7);
    }

    @Test
    void aDefaultsSectionWithFromStartsFromItsParent() throws Exception {
        Plan plan = compile("""
                defaults base
                    mode http
                    timeout server 10s
                    option redispatch
                defaults child from base
                    timeout server 20s
                backend b
                    server s 10.0.0.1:80
                """);
        Backend b = plan.backend("b").orElseThrow();
        assertThat(b.mode()).isEqualTo("http");
        assertThat(b.timeouts().serverMs()).isEqualTo(20_000);
        assertThat(b.options()).containsEntry("redispatch", new ProxyOption(true, List.of()));
    }

    @Test
    void noOptionCancelsAnInheritedOption() throws Exception {
        Plan plan = compile(DEFAULTS + """
                    option http-server-close
                    option dontlognull
                frontend f
                    bind :80
                    no option dontlognull
                    option http-keep-alive
                """);
        Frontend f = plan.frontend("f").orElseThrow();
        assertThat(f.options()).containsEntry("dontlognull", new ProxyOption(false, List.of()))
                .containsEntry("http-keep-alive", new ProxyOption(true, List.of()))
                .as("enabling one HTTP connection mode clears the others").doesNotContainKey("http-server-close");
    }

    @Test
    void rulesOfANamedDefaultsSectionRunFirstWithItsOwnAcls() throws Exception {
        Plan plan = compile("""
                defaults web
                    mode http
                    acl local src 127.0.0.1
                    http-request deny unless local
                frontend f from web
                    bind :80
                    acl local path /local
                    http-request allow if local
                """);
        Frontend f = plan.frontend("f").orElseThrow();
        Rule inherited = f.defaultsRules().httpRequest().get(0);
        Rule own = f.rules().httpRequest().get(0);
        assertThat(inherited.action()).isEqualTo("deny");
        assertThat(((Term.AclRef) inherited.condition().or().get(0).get(0)).matches().get(0).criterion().fetch())
                .isEqualTo("src");
        assertThat(((Term.AclRef) own.condition().or().get(0).get(0)).matches().get(0).criterion().fetch())
                .isEqualTo("path");
        assertThat(f.acls()).extracting(Acl::name).containsExactly("local");
    }

    @Test
    void aProxysOwnStatsLinesReplaceTheInheritedPage() throws Exception {
        Plan plan = compile(DEFAULTS + """
                    stats enable
                    stats realm Inherited
                    stats auth a:b
                backend inherits
                    server s 10.0.0.1:80
                backend own
                    stats uri /own
                    server s 10.0.0.1:80
                """);
        StatsPage inherited = plan.backend("inherits").orElseThrow().stats();
        StatsPage own = plan.backend("own").orElseThrow().stats();
        assertThat(inherited.realm()).isEqualTo("Inherited");
        assertThat(inherited.users()).hasSize(1);
        assertThat(inherited.uri()).isEqualTo("/haproxy?stats");
        assertThat(own.uri()).isEqualTo("/own");
        assertThat(own.realm()).isNull();
        assertThat(own.users()).isEmpty();
    }

    @Test
    void anUnknownDefaultsSectionIsAnError() {
        assertThatThrownBy(() -> compile("backend b from nowhere\n    server s 10.0.0.1:80\n"))
                .isInstanceOf(CompileException.class).hasMessage("test.cfg:1: defaults section 'nowhere' not found");
    }

    @Test
    void aTcpProxyFallsBackFromHttpOnlySettings() throws Exception {
        Plan plan = compile("""
                defaults
                    mode tcp
                    option httplog
                    balance uri
                frontend f
                    bind :80
                    default_backend b
                backend b
                    server s 10.0.0.1:80
                backend h
                    mode http
                    server s 10.0.0.1:80
                """);
        assertThat(plan.frontend("f").orElseThrow().logStyle()).isEqualTo("tcplog");
        assertThat(plan.backend("b").orElseThrow().balance()).isEqualTo(Balance.ROUND_ROBIN);
        assertThat(plan.backend("h").orElseThrow().balance().algorithm()).isEqualTo(Balance.Algorithm.URI);
    }

    // ---- listen

    @Test
    void aListenSectionIsAFrontendAndABackend() throws Exception {
        Plan plan = compile(DEFAULTS + """
                listen app
                    bind :80
                    http-request deny if { path /x }
                    server s 10.0.0.1:80
                """);
        Frontend f = plan.frontend("app").orElseThrow();
        Backend b = plan.backend("app").orElseThrow();
        assertThat(f.defaultBackend()).isEqualTo("app");
        assertThat(f.rules().httpRequest()).hasSize(1);
        assertThat(b.rules().count()).isZero();
        assertThat(b.servers()).extracting(Server::name).containsExactly("s");
        assertThat(f.timeouts().connectMs()).isNull();
        assertThat(b.timeouts().connectMs()).isEqualTo(5000);
        assertThat(f.timeouts().clientMs()).isEqualTo(30_000);
        assertThat(b.timeouts().clientMs()).isNull();
    }

    // ---- conditions

    @Test
    void conditionsAreOrGroupsOfAndedTerms() throws Exception {
        Plan plan = compile(DEFAULTS + """
                frontend f
                    bind :80
                    acl a path_beg /a
                    acl a path_beg /b
                    acl b src 10.0.0.0/8
                    http-request deny if a !b || { hdr(host) -i x.example } or METH_GET
                """);
        Condition c = plan.frontend("f").orElseThrow().rules().httpRequest().get(0).condition();
        assertThat(c.unless()).isFalse();
        assertThat(c.or()).hasSize(3);
        Term.AclRef a = (Term.AclRef) c.or().get(0).get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.negated()).isFalse();
        assertThat(a.matches()).extracting(m -> m.patterns().get(0)).containsExactly("/a", "/b");
        assertThat(a.matches().get(0).method()).isEqualTo(MatchMethod.BEG);
        assertThat(a.matches().get(0).criterion().fetch()).isEqualTo("path");
        assertThat(((Term.AclRef) c.or().get(0).get(1)).negated()).isTrue();
        Term.Anonymous anonymous = (Term.Anonymous) c.or().get(1).get(0);
        assertThat(anonymous.match().criterion()).isEqualTo(
                new SampleCall("req.hdr", List.of(new TypedArg.Str("host")), List.of()));
        assertThat(anonymous.match().ignoreCase()).isTrue();
        assertThat(anonymous.match().method()).isEqualTo(MatchMethod.STR);
        Term.AclRef get = (Term.AclRef) c.or().get(2).get(0);
        assertThat(get.predefined()).isTrue();
        assertThat(get.matches().get(0).patterns()).containsExactly("GET", "HEAD");
    }

    @Test
    void theMatchMethodFollowsTheSampleType() throws Exception {
        Plan plan = compile(DEFAULTS + """
                frontend f
                    bind :80
                    acl ip src 10.0.0.1
                    acl port dst_port 80
                    acl tls ssl_fc
                    acl host req.hdr(host)
                    acl forced req.hdr(host) -m sub x
                    acl converted hdr_beg(host),lower -m str x
                    http-request deny if ip port tls host forced converted
                """);
        List<Acl> acls = plan.frontend("f").orElseThrow().acls();
        assertThat(acls).extracting(acl -> acl.matches().get(0).method()).containsExactly(MatchMethod.IP,
                MatchMethod.INT, MatchMethod.BOOL, MatchMethod.STR, MatchMethod.SUB, MatchMethod.STR);
    }

    @Test
    void integerOperatorsBecomeRanges() {
        assertThat(Expressions.withOperators(List.of("gt", "5", "lt", "3", "le", "4", "ge", "7", "eq", "9", "10:20"),
                false)).containsExactly("6:", ":2", ":4", "7:", "9", "10:20");
        assertThat(Expressions.withOperators(List.of("ge", "3.1", "gt", "1.0"), true)).containsExactly("3.1:", "1.1:");
    }

    @Test
    void fetchArgumentsAreTyped() throws Exception {
        Plan plan = compile(DEFAULTS + """
                frontend f
                    bind :80
                    acl x req.hdr(x-forwarded-for,-1) -m found
                    http-request deny if x
                """);
        SampleCall call = plan.frontend("f").orElseThrow().acls().get(0).matches().get(0).criterion();
        assertThat(call.args()).containsExactly(new TypedArg.Str("x-forwarded-for"), new TypedArg.Int(-1));
    }

    @Test
    void anUndefinedAclIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> compile(DEFAULTS + """
                frontend f
                    bind :80
                    http-request deny if missing
                """)).isInstanceOf(CompileException.class).hasMessage("test.cfg:8: no such ACL : 'missing'");
    }

    @Test
    void aclsOfADefaultsSectionAreNotVisibleToItsProxies() {
        assertThatThrownBy(() -> compile("""
                defaults d
                    mode http
                    acl local src 127.0.0.1
                frontend f
                    bind :80
                    http-request deny if local
                """)).isInstanceOf(CompileException.class).hasMessageContaining("no such ACL : 'local'");
    }

    // ---- backends

    @Test
    void staticAndDynamicBackendNames() throws Exception {
        Plan plan = compile(DEFAULTS + """
                frontend f
                    bind :80
                    use_backend b if { path /b }
                    use_backend be_%[req.hdr(host)]
                backend b
                    server s 10.0.0.1:80
                """);
        List<BackendSwitch> switches = plan.frontend("f").orElseThrow().useBackends();
        assertThat(switches.get(0).backend()).isEqualTo("b");
        assertThat(switches.get(1).backend()).isNull();
        assertThat(switches.get(1).dynamic().parts()).containsExactly(new Format.Text("be_"), new Format.Sample(
                new SampleCall("req.hdr", List.of(new TypedArg.Str("host")), List.of()), List.of()));
    }

    @Test
    void aMissingBackendIsAnError() {
        assertThatThrownBy(() -> compile(DEFAULTS + """
                frontend f
                    bind :80
                    use_backend nowhere
                """)).isInstanceOf(CompileException.class)
                .hasMessage("test.cfg:8: proxy 'f': unable to find required use_backend: 'nowhere'");
    }

    @Test
    void serversStartFromTheDefaultServerOfTheirLine() throws Exception {
        Plan plan = compile(DEFAULTS + """
                    default-server inter 5s
                backend b
                    server s0 10.0.0.1:80 check
                    default-server fall 9 weight 20
                    server s1 10.0.0.2:80 check fastinter 1s
                    server s2 10.0.0.3:80 weight 30 no-check
                """);
        List<Server> servers = plan.backend("b").orElseThrow().servers();
        assertThat(servers.get(0).check()).isEqualTo(new ServerCheck(true, 5000, 5000, 5000, 2, 3, null, null, false,
                false));
        assertThat(servers.get(0).weight()).isEqualTo(1);
        assertThat(servers.get(1).check()).isEqualTo(new ServerCheck(true, 5000, 1000, 5000, 2, 9, null, null, false,
                false));
        assertThat(servers.get(1).weight()).isEqualTo(20);
        assertThat(servers.get(2).check().enabled()).isFalse();
        assertThat(servers.get(2).weight()).isEqualTo(30);
    }

    @Test
    void ownCheckRulesReplaceInheritedOnes() throws Exception {
        Plan plan = compile(DEFAULTS + """
                    option httpchk
                    http-check expect status 200
                backend inherited
                    server s 10.0.0.1:80 check
                backend own
                    option httpchk GET /health
                    server s 10.0.0.1:80 check
                """);
        HealthCheck inherited = plan.backend("inherited").orElseThrow().healthCheck();
        HealthCheck own = plan.backend("own").orElseThrow().healthCheck();
        assertThat(inherited.type()).isEqualTo("http");
        assertThat(inherited.method()).isEqualTo("OPTIONS");
        assertThat(inherited.rules()).hasSize(1);
        assertThat(own.method()).isEqualTo("GET");
        assertThat(own.uri()).isEqualTo("/health");
        assertThat(own.rules()).isEmpty();
    }

    @Test
    void unmodelledDirectivesAreKeptSorted() throws Exception {
        Plan plan = compile(DEFAULTS + """
                backend b
                    compression type text/html
                    compression algo gzip
                    server s 10.0.0.1:80
                """);
        assertThat(plan.backend("b").orElseThrow().unmodelled()).containsExactly(
                new RawDirective("compression", List.of("algo", "gzip")),
                new RawDirective("compression", List.of("type", "text/html")));
    }

    @Test
    void aBadTimeIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> compile(DEFAULTS + "    timeout queue 5x\n"))
                .isInstanceOf(CompileException.class).hasMessageStartingWith("test.cfg:6: 'timeout'");
    }
}
