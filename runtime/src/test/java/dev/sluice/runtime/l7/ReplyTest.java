package dev.sluice.runtime.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy's own responses: errorfiles read as HAProxy reads them, and whether the connection outlives them. */
class ReplyTest {

    private static Reply parse(String raw) {
        return Reply.parse(raw.getBytes(StandardCharsets.ISO_8859_1), 503);
    }

    @Test
    void anErrorfileKeepsItsStatusLineAndBodyAndItsHeaderNamesGoToLowerCase() {
        Reply r = parse("HTTP/1.0 503 Back Soon\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nsoon\n");
        assertThat(r.version()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reason()).isEqualTo("Back Soon");
        assertThat(r.headers()).containsExactly(Map.entry("content-type", "text/plain"), Map.entry("content-length", "5"));
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).isEqualTo("soon\n");
        FullHttpResponse m = r.response();
        assertThat(Reply.closesAfter(m)).isFalse();
        m.release();
    }

    @Test
    void linesMayEndWithLfAloneAndTheBodyKeepsItsOwnLineEnds() {
        Reply r = parse("HTTP/1.1 403 Forbidden\nContent-Length: 7\n\nno\r\nno\n");
        assertThat(r.headers()).containsExactly(Map.entry("content-length", "7"));
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).isEqualTo("no\r\nno\n");
    }

    @Test
    void aPageWithoutItsLengthOrSayingCloseEndsTheConnection() {
        assertThat(Reply.closesAfter(parse("HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\n\r\nno length\n")
                .response())).as("no Content-Length").isTrue();
        assertThat(Reply.closesAfter(parse("HTTP/1.1 429 Slow\r\nContent-Length: 0\r\nConnection: Close\r\n\r\n")
                .response())).as("Connection: close").isTrue();
        assertThat(Reply.closesAfter(Reply.of(404, List.of(), new byte[0]).response())).isFalse();
    }

    @Test
    void theBuiltInPagesOf400And408CloseTheConnectionAndTheOthersDoNot() {
        assertThat(Reply.closesAfter(ErrorResponses.page(400).response())).isTrue();
        assertThat(Reply.closesAfter(ErrorResponses.page(408).response())).isTrue();
        for (int status : new int[] {403, 429, 500, 502, 503, 504}) {
            assertThat(Reply.closesAfter(ErrorResponses.page(status).response())).as("%d", status).isFalse();
        }
    }

    @Test
    void anEmptyErrorfileIsAnAnswerWithoutAWord() {
        Reply r = Reply.parse(new byte[0], 408);
        assertThat(r.silent()).isTrue();
        assertThat(r.status()).isEqualTo(408);
        assertThat(parse("HTTP/1.1 503 X\r\nContent-Length: 0\r\n\r\n").silent()).isFalse();
    }

    @Test
    void whatIsNoHttpResponseIsRefusedInHaproxysWords() {
        assertThatThrownBy(() -> parse("<html>maintenance</html>\n"))
                .hasMessage("unable to parse headers (error offset: 0)");
    }
}
