package dev.sluice.runtime;

import static dev.sluice.runtime.ProxyFixture.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client-side timeouts, as a client sees them on a real socket: {@code timeout http-request}
 * answers 408 to a request that does not arrive whole in time; {@code timeout http-keep-alive}
 * closes a connection that sends no next request in time, each request starting the wait again;
 * {@code timeout client} closes a silent TCP connection, and any byte either way restarts it.
 */
@Timeout(30)
class TimeoutsTest {

    private final ProxyFixture f = new ProxyFixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Socket connect(String frontend) throws IOException {
        Socket s = new Socket("127.0.0.1", f.port(frontend));
        s.setSoTimeout(5000);
        f.open.add(s);
        return s;
    }

    private String httpConfig(String timeouts) throws IOException {
        Backends.Http app = f.http("app");
        return DEFAULTS + """
                %s
                frontend www
                    bind 127.0.0.1:0
                    default_backend app

                backend app
                    server app 127.0.0.1:%d
                """.formatted(timeouts, app.port());
    }

    /** Reads one response with a Content-Length body; the head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** Milliseconds until the peer closes the connection (end of stream or reset). */
    private static long millisUntilClosed(InputStream in, long since) throws IOException {
        try {
            while (in.read() >= 0) {
                // whatever comes before the close
            }
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException reset) {
            // closed with a reset
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void aRequestThatDoesNotArriveWholeInTimeGets408() throws Exception {
        f.start(httpConfig("    timeout http-request 300ms"));
        Socket s = connect("www");
        long t0 = System.nanoTime();
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String answer = readResponse(s.getInputStream());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(answer).startsWith("HTTP/1.1 408 ");
        assertThat(ms).isBetween(250L, 3000L);
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTimeoutHttpKeepAliveAndEachRequestRestartsTheWait()
            throws Exception {
        f.start(httpConfig("    timeout http-keep-alive 400ms"));
        Socket s = connect("www");
        OutputStream out = s.getOutputStream();
        byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        // five requests 250 ms apart: 1.25 s in all, longer than the wait, shorter than each gap
        for (int i = 0; i < 5; i++) {
            out.write(request);
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ").contains("server=app");
            Thread.sleep(250);
        }
        out.write(request);
        assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ");
        long idleSince = System.nanoTime();
        long ms = millisUntilClosed(s.getInputStream(), idleSince);
        assertThat(ms).as("closed after the keep-alive wait").isBetween(350L, 3000L);
    }

    @Test
    void aSilentTcpConnectionIsClosedAfterTimeoutClientAndTrafficKeepsItOpen() throws Exception {
        Backends.Echo echo = f.echo();
        f.start("""
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 400ms
                    timeout server 10s

                listen echo
                    bind 127.0.0.1:0
                    server echo 127.0.0.1:%d
                """.formatted(echo.port()));
        Socket busy = connect("echo");
        Socket silent = connect("echo");
        long t0 = System.nanoTime();
        // a byte each 200 ms for 1.2 s: never 400 ms without traffic
        for (int i = 0; i < 6; i++) {
            busy.getOutputStream().write('x');
            assertThat(busy.getInputStream().read()).isEqualTo('x');
            Thread.sleep(200);
        }
        busy.getOutputStream().write('y');
        assertThat(busy.getInputStream().read()).as("still open after 1.2 s of traffic").isEqualTo('y');
        long ms = millisUntilClosed(silent.getInputStream(), t0);
        assertThat(ms).as("the silent connection was closed once").isBetween(350L, 3000L);
    }
}
