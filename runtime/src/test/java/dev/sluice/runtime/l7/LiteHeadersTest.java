package dev.sluice.runtime.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiteHeadersTest {

    private static List<String> lines(HttpHeaders h) {
        List<String> out = new ArrayList<>();
        h.iteratorCharSequence().forEachRemaining(e -> out.add(e.getKey() + ": " + e.getValue()));
        return out;
    }

    @Test
    void keepsTheOrderFieldsCameInAndFindsNamesIgnoringCase() {
        HttpHeaders h = new LiteHeaders();
        h.add("Host", "example.com").add(AsciiString.of("X-A"), "1").add("x-a", "2").add("Accept", "*/*");
        assertThat(h.get("HOST")).isEqualTo("example.com");
        assertThat(h.get(AsciiString.of("x-A"))).isEqualTo("1");
        assertThat(h.getAll("X-a")).containsExactly("1", "2");
        assertThat(h.contains("accept")).isTrue();
        assertThat(h.contains("cookie")).isFalse();
        assertThat(h.get("cookie")).isNull();
        assertThat(h.getAll("cookie")).isEmpty();
        assertThat(h.size()).isEqualTo(4);
        assertThat(lines(h)).containsExactly("Host: example.com", "X-A: 1", "x-a: 2", "Accept: */*");
    }

    @Test
    void removeTakesEveryFieldOfTheNameAndSetReplacesThemAtTheEnd() {
        HttpHeaders h = new LiteHeaders();
        h.add("A", "1").add("B", "2").add("a", "3").add("C", "4");
        h.remove("a");
        assertThat(lines(h)).containsExactly("B: 2", "C: 4");
        h.set("b", "9");
        assertThat(lines(h)).containsExactly("C: 4", "b: 9");
        h.setInt("Content-Length", 12);
        assertThat(h.getInt("content-length")).isEqualTo(12);
        HttpHeaders copy = h.copy();
        h.clear();
        assertThat(h.isEmpty()).isTrue();
        assertThat(lines(copy)).containsExactly("C: 4", "b: 9", "Content-Length: 12");
    }

    @Test
    void findsAnElementOfACommaSeparatedList() {
        HttpHeaders h = new LiteHeaders();
        h.add("Connection", "keep-alive, Upgrade").add("Transfer-Encoding", "gzip ,chunked");
        assertThat(h.containsValue("connection", "upgrade", true)).isTrue();
        assertThat(h.containsValue("connection", "upgrade", false)).isFalse();
        assertThat(h.containsValue("connection", "close", true)).isFalse();
        assertThat(h.containsValue("transfer-encoding", "chunked", true)).isTrue();
        assertThat(h.containsValue("transfer-encoding", "chunk", true)).isFalse();
        assertThat(h.contains("Connection", "KEEP-ALIVE, upgrade", true)).isTrue();
    }

    @Test
    void refusesWhatNettysHeadersRefuse() {
        HttpHeaders h = new LiteHeaders();
        assertThatThrownBy(() -> h.add("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add("X", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void theCodecsDecodeIntoThemAndWriteThemBackUnchanged() {
        EmbeddedChannel ch = new EmbeddedChannel(Codecs.facingClients());
        ch.writeInbound(Unpooled.copiedBuffer("POST /p?q=1 HTTP/1.1\r\nHost: h\r\nX-One: 1\r\nContent-Length: 3\r\n"
                + "Connection: keep-alive\r\n\r\nabc", StandardCharsets.ISO_8859_1));
        HttpRequest request = ch.readInbound();
        assertThat(request.decoderResult().isSuccess()).isTrue();
        assertThat(request.headers()).isInstanceOf(LiteHeaders.class);
        assertThat(HttpUtil.getContentLength(request)).isEqualTo(3);
        assertThat(HttpUtil.isKeepAlive(request)).isTrue();
        LastHttpContent body = ch.readInbound();
        assertThat(body.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        body.release();
        ch.finishAndReleaseAll();

        EmbeddedChannel out = new EmbeddedChannel(Codecs.facingServers());
        HttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        r.headers().add(HttpHeaderNames.HOST, "h").add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        out.writeOutbound(r);
        ByteBuf written = out.readOutbound();
        assertThat(written.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /x HTTP/1.1\r\nhost: h\r\nconnection: close\r\n\r\n");
        written.release();
        out.finishAndReleaseAll();
    }

    @Test
    void aMalformedHeaderFailsTheDecode() {
        EmbeddedChannel ch = new EmbeddedChannel(Codecs.facingClients());
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: h\r\nBad\u0001Name: 1\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        HttpRequest request = ch.readInbound();
        assertThat(request.decoderResult().isFailure()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void entriesAreStrings() {
        HttpHeaders h = new LiteHeaders();
        h.add(AsciiString.of("A"), AsciiString.of("b"));
        Map.Entry<String, String> e = h.entries().get(0);
        assertThat(e.getKey()).isEqualTo("A");
        assertThat(e.getValue()).isEqualTo("b");
        assertThat(h.names()).containsExactly("A");
    }
}
