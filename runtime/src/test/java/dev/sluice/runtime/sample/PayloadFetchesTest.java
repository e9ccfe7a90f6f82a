package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.sample.CompiledCondition.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fetches of a TCP stream's first bytes, and the conditions on them while more may come: true,
 * false, or not yet (the rule waits), as HAProxy 2.6 decides them.
 */
class PayloadFetchesTest {

    private final SampleCompiler compiler = new SampleCompiler(Path.of("."));

    private static Exchange bytes(String s, boolean last) {
        return SimpleExchange.builder().client("127.0.0.1", 4000)
                .payload(Payload.of(s.getBytes(StandardCharsets.ISO_8859_1), last)).build();
    }

    private Outcome when(String condition, Exchange x) {
        return compiler.condition(Plans.condition(condition)).applies(x);
    }

    private String sample(String expr, Exchange x) {
        return compiler.sample(Plans.sample(expr)).evaluateString(x);
    }

    @Test
    void reqLenCountsTheBytesHeldAndWaitsWhileMoreMayCome() {
        assertThat(sample("req.len", bytes("abcd", false))).isEqualTo("4");
        assertThat(when("if { req.len ge 4 }", bytes("abcd", false))).isEqualTo(Outcome.YES);
        assertThat(when("if { req.len ge 8 }", bytes("abcd", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if { req.len ge 8 }", bytes("abcd", true))).isEqualTo(Outcome.NO);
        // unless: not yet stays not yet, then inverts
        assertThat(when("unless { req.len ge 8 }", bytes("abcd", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("unless { req.len ge 8 }", bytes("abcd", true))).isEqualTo(Outcome.YES);
    }

    @Test
    void payloadNeedsAllItsBytesOrWaits() {
        assertThat(sample("req.payload(1,2),hex", bytes("abcd", false))).isEqualTo("6263");
        assertThat(sample("req.payload(2,0)", bytes("abcd", true))).isEqualTo("cd");
        assertThat(sample("req.payload(2,4)", bytes("abcd", true))).isNull();
        assertThat(when("if { req.payload(2,4) -m bin 63646566 }", bytes("abcd", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if { req.payload(2,4) -m bin 63646566 }", bytes("abcdef", false))).isEqualTo(Outcome.YES);
        // all the bytes are there and do not match: no use waiting
        assertThat(when("if { req.payload(0,2) -m bin 4142 }", bytes("abcd", false))).isEqualTo(Outcome.NO);
        // past HAProxy's buffer: never
        assertThat(when("if { req.payload(16000,1000) -m found }", bytes("abcd", false))).isEqualTo(Outcome.NO);
    }

    @Test
    void payloadLvReadsALengthThenTheBlock() {
        assertThat(sample("req.payload_lv(0,1)", bytes("\u0003xyz!", true))).isEqualTo("xyz");
        assertThat(sample("req.payload_lv(0,2,+1)", bytes("\u0000\u0002-ab", true))).isEqualTo("ab");
        assertThat(sample("req.payload_lv(0,1,4)", bytes("\u0002...ab", true))).isEqualTo("ab");
        assertThat(when("if { req.payload_lv(0,1) -m str xyz }", bytes("\u0003xy", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if { req.payload_lv(0,1) -m found }", bytes("\u0000xy", false))).isEqualTo(Outcome.NO);
    }

    @Test
    void waitEndHoldsUntilNothingMoreIsAwaited() {
        assertThat(when("if WAIT_END", bytes("", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if WAIT_END", bytes("", true))).isEqualTo(Outcome.YES);
        // in HTTP the rules run once the request is in: nothing to wait for
        Exchange http = SimpleExchange.builder().request("GET", "/", "HTTP/1.1").build();
        assertThat(when("if WAIT_END", http)).isEqualTo(Outcome.YES);
    }

    @Test
    void protoHttpWantsAWholeRequestHead() {
        assertThat(when("if HTTP", bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n", false))).isEqualTo(Outcome.YES);
        assertThat(when("if HTTP", bytes("GET / HTTP/1.1\r\nHost: a\r\n", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if HTTP", bytes("GET / HTTP/1.1\r\nHost: a\r\n", true))).isEqualTo(Outcome.NO);
        assertThat(when("if HTTP", bytes("GET /", false))).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if HTTP", bytes("GET /x\r\n", false))).isEqualTo(Outcome.YES); // HTTP/0.9
        assertThat(when("if HTTP", bytes("\u0016\u0003\u0001", false))).isEqualTo(Outcome.NO);
        assertThat(when("if HTTP", bytes("SSH-2.0-OpenSSH_9.6\r\n", false))).isEqualTo(Outcome.NO);
        assertThat(when("if HTTP", bytes("GET / HTTQ/1.1\r\n\r\n", false))).isEqualTo(Outcome.NO);
        assertThat(when("if HTTP", bytes("GET / HTTP/1.1\r\nno colon\r\n\r\n", false))).isEqualTo(Outcome.NO);
    }

    @Test
    void conditionsCombineAsHaproxysThreeValuedLogic() {
        Exchange x = bytes("abcd", false);
        // AND stops at the first term that is not true
        assertThat(when("if { req.len ge 8 } { src 10.0.0.1 }", x)).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if { src 10.0.0.1 } { req.len ge 8 }", x)).isEqualTo(Outcome.NO);
        // OR: true wins, then not yet
        assertThat(when("if { req.len ge 8 } || { src 127.0.0.1 }", x)).isEqualTo(Outcome.YES);
        assertThat(when("if { req.len ge 8 } || { src 10.0.0.1 }", x)).isEqualTo(Outcome.NOT_YET);
        // a negated term that could change is not decided either
        assertThat(when("if !{ req.len ge 8 }", x)).isEqualTo(Outcome.NOT_YET);
        assertThat(when("if !{ req.len ge 8 }", bytes("abcd", true))).isEqualTo(Outcome.YES);
        // a rule that could still change does not apply yet
        assertThat(compiler.condition(Plans.condition("if { req.len ge 8 }")).test(x)).isFalse();
    }

    @Test
    void httpStreamsHaveNoPayload() {
        Exchange http = SimpleExchange.builder().request("GET", "/", "HTTP/1.1").header("Host", "a").build();
        assertThat(sample("req.payload(0,3)", http)).isNull();
        assertThat(sample("req.ssl_sni", http)).isNull();
        assertThat(sample("req.proto_http", http)).isEqualTo("1");
        assertThat(sample("req.len", http)).isEqualTo(String.valueOf("GET / HTTP/1.1\r\nHost: a\r\n\r\n".length()));
    }
}
