package dev.sluice.runtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own comparison: what it tolerates and what it reports. */
class ComparisonTest {

    private static Observation answer(String server, String... headers) {
        String body = "server " + server + "\nrequest GET / HTTP/1.1\nheader Host: conformance.test\nbody-bytes 0\n";
        List<Header> hs = new java.util.ArrayList<>(List.of(new Header("X-Server", server)));
        for (String h : headers) {
            hs.add(Header.parse(h));
        }
        return new Observation("conn 1: GET / HTTP/1.1", "HTTP/1.1", 200, hs, body.getBytes(StandardCharsets.ISO_8859_1), null,
                Request.Check.FULL, null);
    }

    @Test
    void anotherServerIsADifference() {
        Comparison c = Comparison.of(List.of(answer("a")), List.of(answer("b")), null);
        assertThat(c.differences()).contains("  [1] conn 1: GET / HTTP/1.1", "-   server a",
                "+   server b");
    }

    @Test
    void dateFramingAndHeaderCaseAreNormalizedButValuesAreNot() {
        Comparison same = Comparison.of(List.of(answer("a", "Date: Mon", "Content-Length: 77", "X-A: 1", "X-B: 2")),
                List.of(answer("a", "x-b: 2", "x-a: 1", "date: Tue", "Transfer-Encoding: chunked")), null);
        assertThat(same.differences()).isEmpty();
        Comparison other = Comparison.of(List.of(answer("a", "X-A: 1")), List.of(answer("a", "X-A: 2")), null);
        assertThat(other.differences()).contains("-   at client: x-a: 1", "+   at client: x-a: 2");
    }

    @Test
    void repeatedHeadersKeepTheirOrder() {
        Comparison c = Comparison.of(List.of(answer("a", "Set-Cookie: x=1", "Set-Cookie: y=2")),
                List.of(answer("a", "Set-Cookie: y=2", "Set-Cookie: x=1")), null);
        assertThat(c.differences()).isNotEmpty();
    }

    @Test
    void aRotatedRoundRobinIsReportedNotFailed() {
        List<String> order = List.of("a", "b", "c");
        Comparison c = Comparison.of(List.of(answer("a"), answer("b"), answer("c"), answer("a")),
                List.of(answer("b"), answer("c"), answer("a"), answer("b")), order);
        assertThat(c.differences()).isEmpty();
        assertThat(c.rotationOffset()).contains(1);
        Comparison reversed = Comparison.of(List.of(answer("a"), answer("b"), answer("c")),
                List.of(answer("a"), answer("c"), answer("b")), order);
        assertThat(reversed.differences()).isNotEmpty();
        assertThat(reversed.rotationOffset()).isEmpty();
    }

    @Test
    void statusOnlyComparesTheStatusAndWhetherThereWasAnAnswer() {
        Observation h = new Observation("x", "HTTP/1.1", 503, List.of(new Header("Content-Type", "text/html")), new byte[3], null,
                Request.Check.STATUS_ONLY, null);
        Observation s = new Observation("x", "HTTP/1.1", 503, List.of(), new byte[0], null, Request.Check.STATUS_ONLY, null);
        assertThat(Comparison.of(List.of(h), List.of(s), null).differences()).isEmpty();
        Observation none = Observation.noAnswer("x", "reset", Request.Check.STATUS_ONLY);
        assertThat(Comparison.of(List.of(h), List.of(none), null).differences()).contains("-   status 503",
                "+   no answer");
    }
}
