package dev.sluice.compiler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.HaproxyVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Well-known facts about HAProxy's keywords, across the catalogued versions. */
class KeywordCatalogTest {

    private static final KeywordCatalog CATALOG = KeywordCatalog.get();
    private static final CatalogView V24 = CATALOG.forVersion(HaproxyVersion.V2_4);
    private static final CatalogView V26 = CATALOG.forVersion(HaproxyVersion.V2_6);
    private static final CatalogView V28 = CATALOG.forVersion(HaproxyVersion.V2_8);
    private static final CatalogView V30 = CATALOG.forVersion(HaproxyVersion.V3_0);
    private static final CatalogView V34 = CATALOG.forVersion(HaproxyVersion.V3_4);

    private static List<String> words(String line) {
        return List.of(line.split(" "));
    }

    @Test
    void versionsAreTheTaggedReleases() {
        assertThat(CATALOG.versions()).containsExactly(HaproxyVersion.V2_4, HaproxyVersion.V2_6,
                HaproxyVersion.V2_8, HaproxyVersion.V3_0, HaproxyVersion.V3_1, HaproxyVersion.V3_2,
                HaproxyVersion.V3_3, HaproxyVersion.V3_4);
    }

    @Test
    void aVersionReadsAsTheNewestCataloguedOneNotNewerThanIt() {
        assertThat(CATALOG.resolve(HaproxyVersion.parse("2.6.12"))).isEqualTo(HaproxyVersion.V2_6);
        assertThat(CATALOG.resolve(HaproxyVersion.parse("2.7"))).isEqualTo(HaproxyVersion.V2_6);
        assertThat(CATALOG.resolve(HaproxyVersion.parse("3.5-dev3"))).isEqualTo(HaproxyVersion.V3_4);
        assertThat(CATALOG.resolve(HaproxyVersion.parse("2.2"))).isEqualTo(HaproxyVersion.V2_4);
        assertThat(CATALOG.forVersion(HaproxyVersion.parse("2.6.12"))).isSameAs(V26);
    }

    @Test
    void nbprocWasRemovedIn25WithItsOwnMessage() {
        assertThat(V24.lookup("global", words("nbproc 4"))).isPresent();
        assertThat(V24.removed("global", words("nbproc 4"))).isEmpty();
        assertThat(V26.lookup("global", words("nbproc 4"))).isEmpty();
        RemovedKeyword r = V26.removed("global", words("nbproc 4")).orElseThrow();
        assertThat(r.message()).startsWith("nbproc is not supported any more since HAProxy 2.5.");
        assertThat(r.removedIn()).contains("2.5");
        assertThat(V34.removed("global", words("nbproc 4"))).isPresent();
    }

    @Test
    void oldProxyDirectivesExplainTheirReplacement() {
        RemovedKeyword reqrep = V26.removed("frontend", words("reqrep ^Host:\\ foo Host:\\ bar")).orElseThrow();
        assertThat(reqrep.message()).contains("'reqrep'").contains("not supported anymore since HAProxy 2.1");
        assertThat(reqrep.replacement()).isPresent();
        RemovedKeyword block = V34.removed("backend", words("block if TRUE")).orElseThrow();
        assertThat(block.replacement()).contains("http-request deny");
        RemovedKeyword contimeout = V26.removed("defaults", words("contimeout 5s")).orElseThrow();
        assertThat(contimeout.replacement()).contains("timeout connect");
        assertThat(V26.removed("listen", words("rspadd X-Foo:\\ bar"))).isPresent();
        assertThat(V26.removed("defaults", words("clitimeout 5s"))).isPresent();
        assertThat(V26.removed("backend", words("srvtimeout 5s"))).isPresent();
        assertThat(V26.removed("backend", words("redispatch"))).get()
                .extracting(RemovedKeyword::replacement).isEqualTo(java.util.Optional.of("option redispatch"));
        assertThat(V26.removed("global", words("tune.chksize 16384"))).get()
                .extracting(RemovedKeyword::replacement).isEqualTo(java.util.Optional.of("tune.bufsize"));
        assertThat(V26.removed("frontend", words("option forceclose"))).isPresent();
        assertThat(V24.lookup("frontend", words("option forceclose"))).get()
                .extracting(KeywordSpec::deprecated).isEqualTo(true);
    }

    @Test
    void optionHttplogFollowsTheMatrix() {
        for (CatalogView v : List.of(V24, V26, V34)) {
            for (String section : List.of("defaults", "frontend", "listen")) {
                assertThat(v.lookup(section, words("option httplog clf"))).get()
                        .satisfies(s -> assertThat(s.name()).isEqualTo("option httplog"))
                        .satisfies(s -> assertThat(s.usage()).isEqualTo(Usage.ALLOWED));
            }
            // HAProxy accepts it in a backend but ignores it, with a warning
            assertThat(v.lookup("backend", words("option httplog"))).get()
                    .extracting(KeywordSpec::usage).isEqualTo(Usage.IGNORED);
        }
    }

    @Test
    void timeoutConnectTakesATimeInMilliseconds() {
        KeywordSpec s = V26.lookup("backend", words("timeout connect 5s")).orElseThrow();
        assertThat(s.name()).isEqualTo("timeout connect");
        assertThat(s.words()).containsExactly("timeout", "connect");
        assertThat(s.usage()).isEqualTo(Usage.ALLOWED);
        assertThat(s.minArgs()).isEqualTo(1);
        assertThat(s.args()).hasSize(1);
        ArgSpec a = s.args().get(0);
        assertThat(a.type()).isEqualTo(ArgType.TIME);
        assertThat(a.unit()).contains("ms");
        assertThat(s.syntax()).containsExactly("timeout connect <timeout>");
        assertThat(V26.lookup("frontend", words("timeout connect 5s"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.IGNORED);
        assertThat(V26.lookup("frontend", words("timeout client 5s"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.ALLOWED);
        assertThat(V26.knows("defaults", "timeout connect")).isTrue();
        assertThat(V26.knows("defaults", "timeout")).isFalse();
        assertThat(V26.knows("defaults", "timeout conect")).isFalse();
    }

    @Test
    void httpRequestIsARuleSetAllowedInNamedDefaultsSince25() {
        for (String section : List.of("frontend", "backend", "listen")) {
            assertThat(V26.lookup(section, words("http-request deny if TRUE"))).get()
                    .satisfies(s -> assertThat(s.usage()).isEqualTo(Usage.ALLOWED))
                    .satisfies(s -> assertThat(s.ruleSet()).contains("http-request"));
        }
        assertThat(V26.lookup("defaults", words("http-request deny"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.NAMED_DEFAULTS);
        assertThat(V24.lookup("defaults", words("http-request deny"))).isEmpty();
        assertThat(V26.lookup("frontend", words("tcp-request connection reject"))).get()
                .extracting(KeywordSpec::ruleSet).isEqualTo(java.util.Optional.of("tcp-request connection"));
        // a backend has no frontend capability: HAProxy refuses it there
        assertThat(V26.lookup("backend", words("tcp-request connection reject"))).isEmpty();
        assertThat(V26.lookup("backend", words("tcp-request content reject"))).isPresent();
    }

    @Test
    void sectionOnlyKeywordsAreRefusedElsewhere() {
        assertThat(V26.lookup("defaults", words("bind :80"))).isEmpty();
        assertThat(V26.lookup("defaults", words("server s1 127.0.0.1:80"))).isEmpty();
        assertThat(V26.lookup("frontend", words("server s1 127.0.0.1:80"))).isEmpty();
        assertThat(V26.lookup("defaults", words("use_backend b"))).isEmpty();
        assertThat(V26.lookup("defaults", words("acl a src 1.2.3.4"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.NAMED_DEFAULTS);
        assertThat(V26.lookup("backend", words("bind :80"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.IGNORED);
        assertThat(V26.lookup("global", words("bind :80"))).isEmpty();
    }

    @Test
    void crtStoreExistsFrom30() {
        assertThat(V28.sectionTypes()).doesNotContain("crt-store");
        assertThat(V28.keywordsOf("crt-store")).isEmpty();
        assertThat(V30.sectionTypes()).contains("crt-store");
        assertThat(V30.keywordsOf("crt-store")).contains("load", "crt-base", "key-base");
        assertThat(V30.lookup("crt-store", words("load crt foo.pem"))).get()
                .extracting(KeywordSpec::since).isEqualTo(HaproxyVersion.V3_0);
        assertThat(V34.sectionTypes()).contains("acme", "traces", "log-profile", "healthcheck").doesNotContain("program");
        assertThat(V26.sectionTypes()).contains("program", "ring", "log-forward", "http-errors", "cache")
                .doesNotContain("acme", "traces");
    }

    @Test
    void balanceListsItsAlgorithms() {
        KeywordSpec s = V26.lookup("backend", words("balance roundrobin")).orElseThrow();
        ArgSpec alg = s.args().get(0);
        assertThat(alg.type()).isEqualTo(ArgType.ENUM);
        assertThat(alg.values()).contains("roundrobin", "static-rr", "leastconn", "first", "source", "uri",
                "url_param", "hdr", "rdp-cookie", "random", "hash");
        assertThat(V24.lookup("backend", words("balance hash")).orElseThrow().args().get(0).values())
                .doesNotContain("hash");
        assertThat(V30.lookup("backend", words("balance log-hash")).orElseThrow().args().get(0).values())
                .contains("log-hash", "sticky");
        assertThat(V26.lookup("frontend", words("balance roundrobin"))).get()
                .extracting(KeywordSpec::usage).isEqualTo(Usage.IGNORED);
    }

    @Test
    void modeIsAnEnum() {
        ArgSpec a = V26.lookup("defaults", words("mode http")).orElseThrow().args().get(0);
        assertThat(a.type()).isEqualTo(ArgType.ENUM);
        assertThat(a.values()).contains("tcp", "http").doesNotContain("health", "spop");
        assertThat(V34.lookup("defaults", words("mode http")).orElseThrow().args().get(0).values())
                .contains("tcp", "http", "log", "spop");
    }

    @Test
    void globalKeywordsHaveTypedArguments() {
        KeywordSpec maxconn = V26.lookup("global", words("maxconn 1000")).orElseThrow();
        assertThat(maxconn.args().get(0).type()).isEqualTo(ArgType.INTEGER);
        assertThat(maxconn.minArgs()).isEqualTo(1);
        assertThat(maxconn.maxArgs()).hasValue(1);
        assertThat(V26.lookup("global", words("log 127.0.0.1 local0"))).get()
                .extracting(KeywordSpec::negatable).isEqualTo(true);
        assertThat(V26.lookup("global", words("no log"))).get()
                .extracting(KeywordSpec::name).isEqualTo("log");
        assertThat(V26.lookup("global", words("chroot /var/empty"))).isPresent();
        assertThat(V26.lookup("global", words("stats socket /run/haproxy.sock"))).get()
                .extracting(KeywordSpec::name).isEqualTo("stats");
    }

    @Test
    void optionsRecordWhetherTheyMayBeNegated() {
        assertThat(V26.lookup("defaults", words("no option httpclose"))).get()
                .satisfies(s -> assertThat(s.name()).isEqualTo("option httpclose"))
                .satisfies(s -> assertThat(s.negatable()).isTrue());
        assertThat(V26.lookup("defaults", words("option dontlognull"))).get()
                .extracting(KeywordSpec::negatable).isEqualTo(true);
        assertThat(V26.lookup("defaults", words("option httplog"))).get()
                .extracting(KeywordSpec::negatable).isEqualTo(false);
        assertThat(V26.lookup("backend", words("option httpchk GET /"))).get()
                .extracting(KeywordSpec::negatable).isEqualTo(false);
    }

    @Test
    void multiWordKeywordsMatchTheLongestPrefix() {
        assertThat(V26.lookup("frontend", words("capture request header Host len 32"))).get()
                .extracting(KeywordSpec::name).isEqualTo("capture request header");
        assertThat(V26.lookup("backend", words("http-check set-var(txn.x) str(a)"))).get()
                .extracting(KeywordSpec::name).isEqualTo("http-check set-var");
        assertThat(V26.lookup("listen", words("stats auth admin:secret"))).get()
                .extracting(KeywordSpec::name).isEqualTo("stats auth");
        assertThat(V26.lookup("frontend", words("stick-table type ip size 1m"))).get()
                .extracting(KeywordSpec::name).isEqualTo("stick-table");
        assertThat(V26.lookup("backend", words("stick on src"))).get()
                .extracting(KeywordSpec::name).isEqualTo("stick on");
        assertThat(V26.lookup("frontend", words("option"))).isEmpty();
        assertThat(V26.lookup("nosuchsection", words("option httplog"))).isEmpty();
    }

    @Test
    void bindOptions() {
        OptionSpec ssl = V26.bindOption("ssl").orElseThrow();
        assertThat(ssl.kind()).isEqualTo(OptionSpec.Kind.BIND);
        assertThat(ssl.isFlag()).isTrue();
        OptionSpec crt = V26.bindOption("crt").orElseThrow();
        assertThat(crt.values()).isEqualTo(1);
        assertThat(V26.bindOption("accept-proxy")).get().extracting(OptionSpec::values).isEqualTo(0);
        assertThat(V26.bindOption("check")).isEmpty();
        assertThat(V24.bindOption("process")).get().extracting(OptionSpec::removedMessage)
                .isEqualTo(java.util.Optional.empty());
        assertThat(V34.bindOption("process").orElseThrow().removedMessage()).get().asString()
                .contains("not supported anymore");
    }

    @Test
    void serverOptions() {
        OptionSpec check = V26.serverOption("check").orElseThrow();
        assertThat(check.isFlag()).isTrue();
        assertThat(check.defaultServer()).isTrue();
        OptionSpec inter = V26.serverOption("inter").orElseThrow();
        assertThat(inter.values()).isEqualTo(1);
        assertThat(inter.valueType()).get().extracting(ArgSpec::type).isEqualTo(ArgType.TIME);
        assertThat(V26.serverOption("weight")).get().extracting(OptionSpec::values).isEqualTo(1);
        assertThat(V26.serverOption("accept-proxy")).isEmpty();
        OptionSpec source = V26.serverOption("source").orElseThrow();
        assertThat(source.values()).isEqualTo(1);
        assertThat(source.moreValues()).isTrue();
        assertThat(source.isFlag()).isFalse();
    }

    @Test
    void actionsOfRuleSets() {
        assertThat(V26.action("http-request", "deny")).get().extracting(ActionSpec::isFinal).isEqualTo(true);
        assertThat(V26.action("http-request", "redirect")).get().extracting(ActionSpec::isFinal).isEqualTo(true);
        assertThat(V26.action("http-request", "return")).get().extracting(ActionSpec::isFinal).isEqualTo(true);
        assertThat(V26.action("http-request", "tarpit")).get().extracting(ActionSpec::isFinal).isEqualTo(true);
        assertThat(V26.action("http-request", "allow")).get().extracting(ActionSpec::isFinal).isEqualTo(true);
        assertThat(V26.action("http-request", "set-header")).get().extracting(ActionSpec::isFinal).isEqualTo(false);
        assertThat(V26.action("http-request", "set-var(txn.path)")).get().extracting(ActionSpec::name)
                .isEqualTo("set-var");
        assertThat(V26.action("http-request", "track-sc0")).isPresent();
        assertThat(V26.action("tcp-request connection", "accept")).get().extracting(ActionSpec::isFinal)
                .isEqualTo(true);
        assertThat(V26.action("tcp-request connection", "reject")).isPresent();
        assertThat(V26.action("tcp-request connection", "expect-proxy")).isPresent();
        assertThat(V26.action("tcp-request content", "expect-proxy")).isEmpty();
        assertThat(V26.action("tcp-request content", "capture")).isPresent();
        assertThat(V26.action("tcp-request session", "track-sc1")).isPresent();
        assertThat(V26.action("tcp-response content", "close")).get().extracting(ActionSpec::isFinal)
                .isEqualTo(true);
        assertThat(V26.action("http-response", "set-status")).isPresent();
        assertThat(V26.action("http-request", "set-status")).isEmpty();
        assertThat(V26.action("http-after-response", "set-header")).isPresent();
        assertThat(V26.action("http-request", "lua.hello")).isEmpty();
        assertThat(V24.action("http-request", "set-bandwidth-limit")).isEmpty();
        assertThat(V28.action("http-request", "set-bandwidth-limit")).isPresent();
    }

    @Test
    void aclMatchMethodsFlagsAndKeywords() {
        assertThat(V26.matchMethods()).contains("str", "beg", "end", "sub", "reg", "found", "int", "ip", "len",
                "bool", "dir", "dom", "bin");
        assertThat(V26.aclFlags()).containsKeys("-i", "-f", "-m", "-n", "-M", "-u", "--");
        assertThat(V26.aclFlags().get("-m")).isTrue();
        assertThat(V26.aclFlags().get("-i")).isFalse();
        AclKeywordSpec hdrBeg = V26.aclKeyword("hdr_beg(host)").orElseThrow();
        assertThat(hdrBeg.fetch()).isEqualTo("req.hdr");
        assertThat(hdrBeg.match()).isEqualTo("beg");
        assertThat(V26.aclKeyword("path_end")).get().extracting(AclKeywordSpec::match).isEqualTo("end");
        assertThat(V26.predefinedAcls()).containsKeys("TRUE", "FALSE", "HTTP", "METH_GET", "LOCALHOST");
    }

    @Test
    void fetchesKnowWhereTheyAreUsable() {
        FetchSpec src = V26.fetch("src").orElseThrow();
        assertThat(src.usableIn("tcp-request connection")).isTrue();
        assertThat(src.usableIn("http-request")).isTrue();
        assertThat(src.usableIn("log")).isTrue();
        FetchSpec resHdr = V26.fetch("res.hdr(content-type)").orElseThrow();
        assertThat(resHdr.usableIn("http-request")).isFalse();
        assertThat(resHdr.usableIn("tcp-request connection")).isFalse();
        assertThat(resHdr.usableIn("http-response")).isTrue();
        assertThat(resHdr.maxArgs()).isEqualTo(2);
        assertThat(resHdr.args()).extracting(SampleArg::type).containsExactly("STR", "SINT");
        FetchSpec reqHdr = V26.fetch("req.hdr").orElseThrow();
        assertThat(reqHdr.usableIn("tcp-request connection")).isFalse();
        assertThat(reqHdr.usableIn("http-request")).isTrue();
        assertThat(reqHdr.output()).isEqualTo("str");
        assertThat(V26.fetch("nosuchfetch")).isEmpty();
    }

    @Test
    void convertersHaveTypes() {
        ConverterSpec lower = V26.converter("lower").orElseThrow();
        assertThat(lower.input()).isEqualTo("str");
        assertThat(lower.output()).isEqualTo("str");
        assertThat(lower.maxArgs()).isZero();
        ConverterSpec map = V26.converter("map_str(/etc/hosts.map,default)").orElseThrow();
        assertThat(map.minArgs()).isEqualTo(1);
        assertThat(map.maxArgs()).isEqualTo(2);
        assertThat(V24.converter("host_only")).isEmpty();
        assertThat(V28.converter("host_only")).isPresent();
    }

    @Test
    void otherSections() {
        assertThat(V26.keywordsOf("peers")).contains("peer", "bind", "server", "table", "disabled");
        assertThat(V26.keywordsOf("resolvers")).contains("nameserver", "hold", "timeout", "resolve_retries");
        assertThat(V26.keywordsOf("userlist")).contains("user", "group");
        assertThat(V26.keywordsOf("mailers")).contains("mailer", "timeout");
        assertThat(V26.keywordsOf("ring")).contains("size", "format", "server");
        assertThat(V26.keywordsOf("cache")).contains("total-max-size", "max-age", "max-object-size");
        assertThat(V26.keywordsOf("http-errors")).containsExactly("errorfile");
        assertThat(V26.keywordsOf("fcgi-app")).contains("docroot", "set-param").doesNotContain("hide-header", "if");
        assertThat(V26.keywordsOf("log-forward")).contains("bind", "dgram-bind", "log");
        assertThat(V26.keywordsOf("namespace_list")).containsExactly("namespace");
        assertThat(V34.keywordsOf("traces")).contains("trace");
        assertThat(V34.keywordsOf("acme")).contains("directory", "contact", "challenge");
        assertThat(V26.removed("resolvers", words("resolution_pool_size 512"))).isPresent();
    }

    @Test
    void keywordsOfASectionAreSortedNames() {
        Set<String> kws = V26.keywordsOf("frontend");
        assertThat(kws).contains("bind", "option httplog", "timeout client", "http-request", "use_backend")
                .doesNotContain("option", "no option httplog");
        assertThat(List.copyOf(kws)).isSorted();
    }

    @Test
    void deprecatedKeywordsSaySince() {
        KeywordSpec bindProcess = V26.lookup("frontend", words("bind-process 1")).orElseThrow();
        assertThat(bindProcess.deprecatedSince()).isPresent();
        assertThat(V28.lookup("frontend", words("bind-process 1"))).isEmpty();
        assertThat(V28.removed("frontend", words("bind-process 1"))).isPresent();
        assertThat(V34.lookup("backend", words("dispatch 127.0.0.1:80"))).get()
                .extracting(KeywordSpec::deprecated).isEqualTo(true);
    }

    @Test
    void theOracleAnswersForTheChecker() {
        CatalogOracle oracle = CatalogOracle.forVersion(HaproxyVersion.V2_6);
        assertThat(oracle.knows("frontend", words("timeout client 5s"))).isTrue();
        assertThat(oracle.knows("frontend", words("nosuch thing"))).isFalse();
        assertThat(oracle.candidates("frontend")).contains("timeout", "option", "bind").doesNotHaveDuplicates();
        assertThat(oracle.removedMessage("global", words("nbproc 2"))).isPresent();
        assertThat(oracle.removedMessage("global", words("maxconn 2"))).isEmpty();
    }
}
