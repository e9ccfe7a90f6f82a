package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errorfiles read as HAProxy 2.6 reads them: what it accepts, and its words for what it refuses. */
class ErrorFileTest {

    private static ErrorFile parse(String raw) throws ErrorFile.Invalid {
        return ErrorFile.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aResponseWithCrlfOrLfLines() throws Exception {
        ErrorFile f = parse("HTTP/1.0 503 Back Soon\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nsoon\n");
        assertThat(f.version()).isEqualTo("HTTP/1.0");
        assertThat(f.status()).isEqualTo(503);
        assertThat(f.reason()).isEqualTo("Back Soon");
        assertThat(f.headers()).containsExactly(Map.entry("content-type", "text/plain"), Map.entry("content-length", "5"));
        assertThat(f.bodyOffset()).isEqualTo(71);
        assertThat(parse("HTTP/1.1 503 Unavailable\nContent-Length: 3\n\nab\n").bodyOffset()).isEqualTo(44);
    }

    @Test
    void whatHaproxyAcceptsToo() throws Exception {
        assertThat(parse("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n").reason()).as("no reason").isEmpty();
        assertThat(parse("HTTP/1.1 503 X\r\nContent-Type: text/plain\r\n\r\nno length\n").headers()).hasSize(1);
        assertThat(parse("HTTP/1.1 99 X\r\n\r\n").status()).isEqualTo(99);
    }

    @Test
    void whatHaproxyRefusesWithItsMessage() {
        assertThatThrownBy(() -> parse("<html>maintenance</html>\n"))
                .hasMessage("unable to parse headers (error offset: 0)");
        assertThatThrownBy(() -> parse("HTTP/1.1 503 Unavailable\r\nno colon here\r\n\r\n"))
                .hasMessage("unable to parse headers (error offset: 28)");
        assertThatThrownBy(() -> parse("HTTP/1.1 503 Unavailable\r\nContent-Length: 5\r\n\r\nab\n"))
                .hasMessage("payload size does not match the announced content-length (3 != 5)");
        assertThatThrownBy(() -> parse("HTTP/1.1 503 X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
                .hasMessage("chunk-encoded payload not supported");
    }
}
