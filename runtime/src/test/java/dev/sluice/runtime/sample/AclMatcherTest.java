package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Match methods and flags, each expression as written after {@code acl NAME}. */
class AclMatcherTest {

    @TempDir
    static Path dir;

    private static final Map<String, Exchange> EXCHANGES = Map.of(
            "www", SimpleExchange.builder().client("10.0.0.1", 40000).local("192.168.0.1", 80)
                    .request("GET", "/static/img/logo.png?v=2", "HTTP/1.1").header("Host", "WWW.Example.com:8080")
                    .header("x", "10.1.2.3").header("x", "b, foo").header("n", "42").header("empty", "").build(),
            "v6", SimpleExchange.builder().client("::ffff:10.9.8.7", 1).local("2001:db8::1", 443)
                    .request("get", "/", "HTTP/1.0").header("x", "2002:0a01:0203::1").build(),
            "v6native", SimpleExchange.builder().client("2001:db8::42", 1).local("::1", 8443)
                    .request("PURGE", "/", "HTTP/1.1").header("x", "::10.1.2.3").build(),
            "local", SimpleExchange.builder().client("127.0.0.1", 5).local("127.0.0.1", 80)
                    .request("POST", "http://h/x", "HTTP/1.1").header("Content-Length", "0").build());

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // strings
        "www | path /static/img/logo.png | true",
        "www | path /static | false",
        "www | path_beg /static/ /other | true",
        "www | path_beg -i /STATIC | true",
        "www | path_beg /STATIC | false",
        "www | path_end .png .jpg | true",
        "www | path_end -i .PNG | true",
        "www | path_sub img/ | true",
        "www | path_sub -i IMG | true",
        "www | path_dir img | true",
        "www | path_dir /static/img | true",
        "www | path_dir static/img/ | true",
        "www | path_dir im | false",
        "www | path_dir logo | false",
        "www | path_dom logo | true",
        "www | path_dom png | true",
        "www | path_dom static.img | false",
        "www | hdr_dom(host) -i example | true",
        "www | hdr_dom(host) -i www.example.com | true",
        "www | hdr_dom(host) -i xample | false",
        "www | hdr_dom(host) 8080 | true",
        "www | hdr_beg(host) -i www. | true",
        "www | hdr_beg(host) www. | false",
        "www | hdr(host) -i www.example.com:8080 | true",
        "www | hdr(host),host_only www.example.com | true",
        "www | hdr(host),port_only 8080 | true",
        "www | hdr_reg(host) ^WWW\\. | true",
        "www | hdr_reg(host) ^www\\. | false",
        "www | hdr_reg(host) -i ^www\\. | true",
        "www | url_reg v=[0-9]+$ | true",
        "www | hdr_len(host) 20 | true",
        "www | hdr_len(host) :19 | false",
        "www | path_len 20: | true",
        // several values: any one matches
        "www | hdr(x) foo | true",
        "www | hdr(x) b | true",
        "www | hdr(x,2) b | true",
        "www | hdr(x,-1) b | false",
        "www | req.fhdr(x) foo | false",
        "www | req.fhdr(x) -m sub foo | true",
        "www | hdr_cnt(x) 3 | true",
        "www | req.fhdr_cnt(x) 2 | true",
        // integers, booleans, presence
        "www | hdr_val(n) 42 | true",
        "www | hdr_val(n) gt 41 | true",
        "www | hdr_val(n) gt 42 | false",
        "www | hdr_val(n) ge 42 | true",
        "www | hdr_val(n) lt 43 | true",
        "www | hdr_val(n) le 41 | false",
        "www | hdr_val(n) eq 41 42 | true",
        "www | hdr_val(n) 40:50 | true",
        "www | hdr_val(n) 43: | false",
        "www | hdr_val(n) :42 | true",
        "www | hdr_val(n) 40-50 | true",
        "www | hdr(n) -m int 42 | true",
        "www | hdr(n) -m bool | true",
        "www | hdr(empty) -m bool | false",
        "www | hdr(empty) -m found | true",
        "www | hdr(empty) -m len 0 | true",
        "www | hdr(missing) -m found | false",
        "www | hdr(missing) -m len 0 | false",
        "www | hdr(n),length -m int 2 | true",
        "www | dst_port 80 | true",
        "www | dst_port 1:79 81: | false",
        "www | dst_port -m str 80 | true",
        "www | src_port 40000 | true",
        "www | urlp(v) 2 | true",
        "www | urlp(v) -m int gt 1 | true",
        "www | query -m found | true",
        "www | always_true | true",
        "www | always_false | false",
        "www | ssl_fc | false",
        "www | hdr(x) -m bin 666F6F | true",
        "www | str(AB) -m bin 4142 | true",
        // addresses
        "www | src 10.0.0.1 | true",
        "www | src 10.0.0.0/8 | true",
        "www | src 10.0.0.0/255.0.0.0 | true",
        "www | src 10.0.0.2 192.168.0.0/16 | false",
        "www | src 10.1 | true",
        "www | src 10.2 | false",
        "www | src 10.0.1 | true",
        "www | src ::ffff:10.0.0.0/104 | true",
        "www | src ::/0 | true",
        "www | src -n 10.0.0.1 | true",
        "www | src -m str 10.0.0.1 | true",
        "www | hdr_ip(x) 10.1.0.0/16 | true",
        "www | hdr(x) -m ip 10.1.2.3 | true",
        "www | dst 192.168.0.1 | true",
        "v6 | src 10.9.8.7 | true",
        "v6 | src 10.0.0.0/8 | true",
        "v6 | hdr_ip(x) 10.1.2.3 | true",
        "v6 | hdr_ip(x) 2002::/16 | true",
        "v6 | dst 2001:db8::/32 | true",
        "v6 | dst 2001:db8::2 | false",
        "v6native | src 2001:db8::/64 | true",
        "v6native | src 0.0.0.0/0 | false",
        "v6native | src 2001:db8::42 | true",
        "v6native | src -m str 2001:db8::42 | true",
        "v6native | hdr_ip(x) 10.1.2.3 | true",
        "v6native | dst ::1 | true",
        "local | src 127.0.0.1/8 ::1 | true",
        // methods and versions
        "www | method GET | true",
        "www | method GET HEAD | true",
        "www | method get | false",
        "www | method -i get | false",
        "www | method -m beg G | true",
        "v6 | method get | true",
        "v6 | method -i GeT | true",
        "v6 | method GET | false",
        "v6native | method PURGE | true",
        "v6native | method -i purge | true",
        "www | req.ver 1.1 | true",
        "v6 | req.ver 1.0 | true",
        "v6 | req.ver -m int 1 | true",
        "local | url_reg ^[^/:]*:// | true"})
    void matches(String exchange, String expr, boolean expected) {
        assertThat(Exchanges.acl(expr, EXCHANGES.get(exchange), dir)).isEqualTo(expected);
    }

    @BeforeAll
    static void files() throws Exception {
        Files.writeString(dir.resolve("agents.lst"), "# bots\n  curl\n\nwget  \n#  not this\nBot\n");
        Files.writeString(dir.resolve("nets.lst"), "10.0.0.0/8\n  192.168.0.0/16\n# 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.map"), "www.example.com:8080 web\napi.example.com api\n");
    }

    @ParameterizedTest(name = "user-agent {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "curl | hdr(user-agent) -f agents.lst | true",
        "wget | hdr(user-agent) -f agents.lst | false",
        "wget   | hdr(user-agent) -f agents.lst | false",
        "bot | hdr(user-agent) -f agents.lst | false",
        "bot | hdr(user-agent) -i -f agents.lst | true",
        "# bots | hdr(user-agent) -f agents.lst | false",
        "curl/8 | hdr_beg(user-agent) -f agents.lst | true",
        "curl | hdr(user-agent) -f agents.lst -f agents.lst zzz | true",
        "zzz | hdr(user-agent) -f agents.lst zzz | true"})
    void patternFiles(String agent, String expr, boolean expected) {
        Exchange x = Exchanges.get("/").header("User-Agent", agent).build();
        assertThat(Exchanges.acl(expr, x, dir)).isEqualTo(expected);
    }

    @Test
    void aMapFileGivesItsKeysWithM() {
        assertThat(Exchanges.acl("hdr(host) -M -f hosts.map", EXCHANGES.get("www"), dir)).isFalse();
        Exchange api = Exchanges.get("/").header("Host", "api.example.com").build();
        assertThat(Exchanges.acl("hdr(host) -M -f hosts.map", api, dir)).isTrue();
        assertThat(Exchanges.acl("src -f nets.lst", EXCHANGES.get("www"), dir)).isTrue();
        assertThat(Exchanges.acl("src -f nets.lst", EXCHANGES.get("local"), dir)).isFalse();
    }

    @Test
    void namesAreNeverResolved() {
        assertThatThrownBy(() -> Exchanges.acl("src localhost", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost' is not a valid IPv4 or IPv6 address")
                .hasMessageContaining("never resolved");
        assertThatThrownBy(() -> Exchanges.acl("src -n example.com", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
    }

    @Test
    void invalidPatternsAreRefusedAtCompileTime() {
        assertThatThrownBy(() -> Exchanges.acl("hdr(x) -m int abc", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'abc' is not a valid number range");
        assertThatThrownBy(() -> Exchanges.acl("hdr(x) -m int 5:1", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5:1");
        assertThatThrownBy(() -> Exchanges.acl("hdr(x) -m reg (unclosed", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(unclosed");
        assertThatThrownBy(() -> Exchanges.acl("hdr(x) -m bin 4", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'4'");
        assertThatThrownBy(() -> Exchanges.acl("src 10.0.0.0/33", EXCHANGES.get("www")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> Exchanges.acl("hdr(x) -f missing.lst", EXCHANGES.get("www"), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.lst");
    }

    @Property(tries = 300)
    void anIpv4NetworkMatchesTheAddressesItHolds(@ForAll @Size(4) byte[] network, @ForAll @Size(4) byte[] address,
            @ForAll @IntRange(max = 32) int bits) {
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        boolean expected = ((Addresses.toInt(network) ^ Addresses.toInt(address)) & mask) == 0;
        PatternSet set = PatternSet.compile(dev.sluice.compiler.plan.MatchMethod.IP, false,
                java.util.List.of(Addresses.formatV4(network) + "/" + bits), "test");
        assertThat(set.find(SampleValue.ofAddress(address)) >= 0).isEqualTo(expected);
        // the same address, IPv4-mapped, matches the same IPv4 network
        assertThat(set.find(SampleValue.ofAddress(Addresses.v4ToV6(address))) >= 0).isEqualTo(expected);
    }

    @Property(tries = 300)
    void anIpv6NetworkMatchesTheAddressesItHolds(@ForAll @Size(16) byte[] network, @ForAll @Size(16) byte[] address,
            @ForAll @IntRange(max = 128) int bits) {
        BigInteger n = new BigInteger(1, network).shiftRight(128 - bits);
        BigInteger a = new BigInteger(1, address).shiftRight(128 - bits);
        PatternSet set = PatternSet.compile(dev.sluice.compiler.plan.MatchMethod.IP, false,
                java.util.List.of(Addresses.formatV6(network) + "/" + bits), "test");
        assertThat(set.find(SampleValue.ofAddress(address)) >= 0).isEqualTo(n.equals(a));
    }

    @Property(tries = 300)
    void theLongestPrefixWinsInAMap(@ForAll @Size(4) byte[] address) {
        PatternSet set = PatternSet.compile(dev.sluice.compiler.plan.MatchMethod.IP, false,
                java.util.List.of("0.0.0.0/0", "128.0.0.0/1", "192.0.0.0/2", Addresses.formatV4(address)), "test");
        int expected = 3;
        assertThat(set.find(SampleValue.ofAddress(address))).isEqualTo(expected);
        byte[] other = address.clone();
        other[3] ^= 1;
        int top = other[0] & 0xff;
        assertThat(set.find(SampleValue.ofAddress(other))).isEqualTo(top >= 192 ? 2 : top >= 128 ? 1 : 0);
    }
}
