package dev.sluice.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.expr.Converter;
import dev.sluice.grammar.expr.SampleExpr;
import dev.sluice.grammar.expr.SampleExprParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arguments of fetches and converters as HAProxy 2.6's make_arg_list() reads them. Each
 * expected message and verdict is what {@code haproxy -c} 2.6 answered for the same text, except
 * for delays and sizes, which no fetch or converter of 2.6 takes: those follow its
 * parse_time_err() and parse_size_err().
 */
class SampleArgumentsTest {

    private static final SampleKeyword BYTES = converter("bytes", List.of("SINT", "SINT"), 1);
    private static final SampleKeyword LOWER = converter("lower", List.of(), 0);
    private static final SampleKeyword FIELD = converter("field", List.of("SINT", "STR", "SINT"), 2);
    private static final SampleKeyword IPMASK = converter("ipmask", List.of("MSK4", "MSK6"), 1);
    private static final SampleKeyword REQ_HDR = converter("req.hdr", List.of("STR", "SINT"), 0);

    private static SampleKeyword converter(String name, List<String> types, int min) {
        return new SampleKeyword(name, types, min, false, "any", "any", List.of());
    }

    /** The message and HAProxy's argument position for the first converter of {@code src,TEXT}. */
    private static String check(SampleKeyword keyword, String converter) {
        String text = "src," + converter;
        SampleExpr expr = SampleExprParser.parse(text, new SourceSpan("t.cfg", 1, 1));
        Converter c = expr.converters().get(0);
        SampleArguments.Problem p = SampleArguments.check(c.args(), keyword, text);
        return p == null ? "ok" : (p.position() + 1) + ": " + p.message();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes(1)           | ok",
        "bytes(1,2)         | ok",
        "bytes(-1,+2)       | ok",
        "bytes(x)           | 1: failed to parse 'x' as type 'integer' at position 1",
        "bytes(1,2x)        | 2: failed to parse '2x' as type 'integer' at position 2",
        "bytes              | 1: expected type 'integer' at position 1, but got nothing",
        "bytes()            | 1: expected type 'integer' at position 1, but got nothing",
        "bytes(1,2,3)       | 2: expected ')' before ',3)'",
        "bytes(1,,3)        | 2: expected ')' before ',3)'",
        "bytes(1,)          | ok",
        "lower              | ok",
        "lower()            | ok",
        "lower(x)           | 1: expected ')' before 'x)'",
        "field(1)           | 2: missing arguments (got 1/2), type 'string' expected",
        "field(1,/)         | ok",
        "ipmask(24)         | ok",
        "ipmask(255.255.0.0,64) | ok",
        "ipmask(33)         | 1: failed to parse '33' as type 'IPv4 mask' at position 1",
        "ipmask(24,129)     | 2: failed to parse '129' as type 'IPv6 mask' at position 2",
        "ipmask(24,ffff::)  | ok",
        "ipmask(24,64,1)    | 2: expected ')' before ',1)'",
    })
    void readsArgumentsAsHaproxy(String converter, String expected) {
        String name = converter.contains("(") ? converter.substring(0, converter.indexOf('(')) : converter;
        SampleKeyword keyword = switch (name) {
            case "bytes" -> BYTES;
            case "lower" -> LOWER;
            case "field" -> FIELD;
            default -> IPMASK;
        };
        assertThat(check(keyword, converter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "req.hdr(host,1)    | ok",
        "req.hdr(host,x)    | 2: failed to parse 'x' as type 'integer' at position 2",
        "req.hdr(a,,3)      | 2: expected ')' before ',3)'",
        "req.hdr            | ok",
    })
    void readsOptionalArguments(String converter, String expected) {
        assertThat(check(REQ_HDR, converter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SINT | 12 | true", "SINT | - | true", "SINT | 1.5 | false",
        "IPV4 | 10.0.0.1 | true", "IPV4 | 10.0.0.256 | false", "IPV4 | 01.2.3.4 | false", "IPV4 | 1.2.3 | false",
        "IPV6 | ::1 | true", "IPV6 | 1:2:3:4:5:6:7:8 | true", "IPV6 | 1:2:3:4:5:6:7:8:9 | false",
        "IPV6 | ::ffff:10.0.0.1 | true", "IPV6 | 1::2::3 | false", "IPV6 | 12345:: | false",
        "MSK4 | 0 | true", "MSK4 | -0 | true", "MSK4 | +24 | true", "MSK4 | -1 | false", "MSK4 | 255.255.0.0 | true",
        "MSK6 | 128 | true", "MSK6 | 129 | false", "MSK6 | ffff:ffff:: | true",
        "TIME | 10 | true", "TIME | 10s | true", "TIME | 5m | true", "TIME | 100us | true", "TIME | 10x | false",
        "TIME | s | false", "TIME | 25d | false",
        "SIZE | 10 | true", "SIZE | 10k | true", "SIZE | 4g | false", "SIZE | 3G | true", "SIZE | 10kb | false",
        "PBUF_FNUM | 1.2.3 | true", "PBUF_FNUM | 1..2 | true", "PBUF_FNUM | 1. | false", "PBUF_FNUM | 1.x | false",
        "STR | anything | true",
    })
    void parsesTypesAsHaproxy(String type, String value, boolean parses) {
        assertThat(SampleArguments.parses(type, value)).as("%s as %s", value, type).isEqualTo(parses);
    }
}
