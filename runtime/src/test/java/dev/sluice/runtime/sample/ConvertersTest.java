package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Converters on a header {@code x}, the values as HAProxy 2.6 gives them. */
class ConvertersTest {

    @TempDir
    static Path dir;

    private static String convert(String x, String converters) {
        SimpleExchange.Builder b = Exchanges.get("/");
        if (x != null) {
            b.header("x", x);
        }
        return Exchanges.sample("'req.fhdr(x)," + converters + "'", b.build(), dir);
    }

    @ParameterizedTest(name = "{0} | {1} = {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "AbC | lower | abc",
        "AbC | upper | ABC",
        "\u00c9t\u00e9 | upper | \u00c9T\u00e9",
        "abc | length | 3",
        "f1_f2_f3__f5 | field(5,_) | f5",
        "f1_f2_f3__f5 | field(2,_,0) | f2_f3__f5",
        "f1_f2_f3__f5 | field(2,_,2) | f2_f3",
        "f1_f2_f3__f5 | field(-2,_,3) | f2_f3_",
        "f1_f2_f3__f5 | field(-3,_,0) | f1_f2_f3",
        "f1_f2_f3__f5 | field(4,_) | ''",
        "f1_f2_f3__f5 | field(6,_) | none",
        "a.b:c | field(2,.:) | b",
        "f1_f2_f3__f5 | word(4,_) | f5",
        "f1_f2_f3__f5 | word(2,_,0) | f2_f3__f5",
        "f1_f2_f3__f5 | word(3,_,2) | f3__f5",
        "f1_f2_f3__f5 | word(-2,_,3) | f1_f2_f3",
        "f1_f2_f3__f5 | word(-3,_,0) | f1_f2",
        "/f1/f2/f3/f4 | word(1,/) | f1",
        "..a..b..c. | word(2,.) | b",
        "..a..b..c. | word(2,.,0) | b..c.",
        "xbar.com. | word(1,b) | x",
        "abc | word(2,.) | ''",
        "xoxooox | regsub(o,0,g) | x0x000x",
        "xoxooox | regsub(o,0) | x0xooox",
        "xoxooox | regsub(\"(o+)\",<\\1>,g) | x<o>x<ooo>x",
        "xoxooox | regsub(x*,-,g) | --o--o-o-o--",
        "xxx | regsub(^x,-,g) | ---",
        "AbAb | regsub(b,-,gi) | A-A-",
        "abc | regsub(b,\\x41) | aAc",
        "abc | regsub(^,>) | >abc",
        "'' | regsub(x*,-,g) | -",
        "abc | base64 | YWJj",
        "YWJj | b64dec | abc",
        "YWI | b64dec | none",
        "not base64! | b64dec | none",
        "-_8 | ub64dec | \u00fb\u00ff",
        "abc | hex | 616263",
        "a/..b%2F%41+c?d+e | url_dec | a/..b/A+c?d e",
        "a+b | url_dec(1) | a b",
        "%zz | url_dec | none",
        "%4 | url_dec | none",
        "\"\\\u00e9/\t< | json | \\\"\\\\\\u00e9\\/\\t<",
        "\u00c3\u00a9\u00ff a | json(utf8) | none",
        "\u00c3\u00a9\u00ff a | json(utf8s) | \\u00e9 a",
        "\u00c3\u00a9 | json(utf8) | \\u00e9",
        "\u00e2\u0082\u00ac | json(utf8) | \\u20ac",
        "\u00f0\u009f\u0098\u0081x | json(utf8s) | x",
        "\u00c0\u00af | json(utf8) | none",
        "\u00c0\u00af | json(utf8p) | \\/",
        "Foo.Com:8080 | host_only | foo.com",
        "[::1]:80 | host_only | [::1]",
        "[::1] | host_only | [::1]",
        "::1 | host_only | :",
        "a: | host_only | a",
        "Foo.Com:8080 | port_only | 8080",
        "[::1]:80 | port_only | 80",
        "[::1] | port_only | 0",
        "example.com | port_only | 0",
        "a:b | port_only | 50",
        "7 | add(3) | 10",
        "7 | sub(10) | -3",
        "7 | mul(-2) | -14",
        "7 | div(2) | 3",
        "-7 | div(2) | -3",
        "7 | div(0) | 9223372036854775807",
        "7 | mod(4) | 3",
        "-7 | mod(4) | -3",
        "7 | mod(0) | 0",
        "7 | neg | -7",
        "6 | and(3) | 2",
        "6 | or(3) | 7",
        "6 | xor(3) | 5",
        "6 | cpl | -7",
        "6 | odd | 0",
        "6 | even | 1",
        "6 | bool | 1",
        "0 | bool | 0",
        "0 | not | 1",
        "9223372036854775807 | add(1) | 9223372036854775807",
        "-9223372036854775808 | sub(1) | -9223372036854775808",
        "-9223372036854775808 | neg | 9223372036854775807",
        "-9223372036854775808 | div(-1) | 9223372036854775807",
        "4611686018427387904 | mul(4) | 9223372036854775807",
        "4611686018427387904 | mul(-4) | -9223372036854775808",
        "99999999999999999999 | add(0) | 9223372036854775807",
        "12abc | add(1) | 13",
        "abc | add(1) | 1",
        "'' | add(1) | none",
        "x | map(@/m.map) | none",
        "foo.com | map(@/m.map) | backend1",
        "www.foo.com | map(@/m.map,dflt) | dflt",
        "/api/v1/users | map_beg(@/m.map) | api_v1",
        "/api/v2 | map_beg(@/m.map) | api_be",
        "xbar.com. | map_sub(@/m.map) | backend2 with space",
        "www.foo.com | map_dom(@/m.map) | backend1",
        "/x/api/y | map_dir(@/m.map) | api_be",
        "www.foo.com | map_end(@/m.map) | backend1",
        "/red | map_reg(@/m.map) | re_\\1",
        "/red | map_regm(@/m.map) | re_d",
        "10.1.2.3 | map_ip(@/ip.map) | ten-one",
        "10.9.2.3 | map_ip(@/ip.map) | ten",
        "10.1.2.3:80 | map_ip(@/ip.map) | ten-one",
        "::ffff:10.1.2.3 | map_ip(@/ip.map) | ten-one",
        "::1 | map_ip(@/ip.map) | six",
        "192.168.1.1 | map_ip(@/ip.map,nomatch) | nomatch",
        "foo.com | map_str_int(@/int.map,7) | 1",
        "nope | map_str_int(@/int.map,7) | 7",
        "55 | map_int(@/range.map) | medium",
        "5000 | map_int_str(@/range.map) | large",
        "bar.com | map_str_ip(@/ip-values.map) | 10.0.0.2"})
    void converts(String x, String converters, String expected) throws Exception {
        writeMaps();
        assertThat(convert(x, converters.replace("@/", dir + "/"))).isEqualTo(expected);
    }

    private static void writeMaps() throws Exception {
        if (Files.exists(dir.resolve("m.map"))) {
            return;
        }
        Files.writeString(dir.resolve("m.map"), "# comment\n  foo.com  backend1  \nbar.com\tbackend2 with space\n\n"
                + "/api   api_be\n/api/v1 api_v1\n^/re(.*)$ re_\\1\n");
        Files.writeString(dir.resolve("ip.map"), "127.0.0.0/8 lo\n10.0.0.0/8 ten\n10.1.0.0/16 ten-one\n::1 six\n");
        Files.writeString(dir.resolve("int.map"), "foo.com 1\nbar.com 22\n");
        Files.writeString(dir.resolve("range.map"), "0:9 small\n10:99 medium\n100: large\n");
        Files.writeString(dir.resolve("ip-values.map"), "foo.com 10.0.0.1\nbar.com 10.0.0.2\n");
    }

    @Test
    void anOperatorReadsAVariable() {
        VariableStore vars = new VariableStore();
        vars.set("txn.n", SampleValue.ofString("5"));
        Exchange x = Exchanges.get("/").header("x", "2").variables(vars).build();
        assertThat(Exchanges.sample("req.hdr(x),add(txn.n)", x)).isEqualTo("7");
        assertThat(Exchanges.sample("req.hdr(x),mul(txn.unset)", x)).isNull();
    }

    @Test
    void mapFilesAreReadAtCompileTime() throws Exception {
        writeMaps();
        Path map = dir.resolve("late.map");
        Files.writeString(map, "a one\n");
        SampleCompiler compiler = new SampleCompiler(dir);
        CompiledSample s = compiler.sample(Plans.sample("req.hdr(x),map(late.map)"));
        Files.writeString(map, "a two\n");
        assertThat(s.evaluateString(Exchanges.get("/").header("x", "a").build())).isEqualTo("one");
    }

    @Test
    void invalidMapsAndArgumentsAreRefused() throws Exception {
        writeMaps();
        assertThatThrownBy(() -> convert("x", "map_ip(" + dir + "/m.map)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("foo.com");
        assertThatThrownBy(() -> convert("x", "map_str_int(" + dir + "/m.map)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend1");
        assertThatThrownBy(() -> convert("x", "map(" + dir + "/missing.map)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.map");
        assertThatThrownBy(() -> convert("x", "add(nope)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> convert("x", "json(utf16)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("utf16");
    }

    @Test
    void anUnsupportedConverterIsNamed() {
        assertThatThrownBy(() -> convert("x", "sha1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("converter 'sha1' is not supported by the runtime");
        assertThat(Converters.supports("map_dom_int")).isTrue();
        assertThat(Converters.supports("map_dom_key")).isFalse();
        assertThat(Converters.names()).contains("lower", "map", "map_beg", "map_ip_int", "regsub", "json");
    }

    @Property(tries = 200)
    void fieldIsWhatSplitCuts(@ForAll @StringLength(max = 12) @Chars({'a', 'b', '_'}) String s,
            @ForAll @IntRange(min = 1, max = 6) int i) {
        String[] parts = s.split("_", -1);
        SimpleExchange x = Exchanges.get("/").header("x", s).build();
        assertThat(Exchanges.sample("req.fhdr(x),field(" + i + ",_)", x))
                .isEqualTo(i <= parts.length ? parts[i - 1] : null);
        assertThat(Exchanges.sample("req.fhdr(x),field(-" + i + ",_)", x))
                .isEqualTo(i <= parts.length ? parts[parts.length - i] : null);
        String[] words = java.util.Arrays.stream(parts).filter(w -> !w.isEmpty()).toArray(String[]::new);
        assertThat(Exchanges.sample("req.fhdr(x),word(" + i + ",_)", x))
                .isEqualTo(i <= words.length ? words[i - 1] : "");
    }

    @Property(tries = 200)
    void additionSaturates(@ForAll long a, @ForAll long b) {
        java.math.BigInteger exact = java.math.BigInteger.valueOf(a).add(java.math.BigInteger.valueOf(b));
        long expected = exact.max(java.math.BigInteger.valueOf(Long.MIN_VALUE))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        assertThat(Converters.add(a, b)).isEqualTo(expected);
        java.math.BigInteger product = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b));
        assertThat(Converters.multiply(a, b)).isEqualTo(product.max(java.math.BigInteger.valueOf(Long.MIN_VALUE))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    }
}
