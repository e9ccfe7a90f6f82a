package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.ClientHellos;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ClientHello fetches on real hellos of the JDK's TLS client, on every truncation of them, and
 * on hand-made records for each decision HAProxy's parser makes.
 */
class TlsHelloTest {

    private static final PayloadSample SHORT = PayloadSample.SHORT;
    private static final PayloadSample NONE = PayloadSample.NONE;

    /** TLS 1.2, and the legacy version field of a TLS 1.3 hello: major 3, minor 3. */
    private static final int TLS12 = 0x030003;

    private static final Map<String, Function<Payload, PayloadSample>> FETCHES = new LinkedHashMap<>();

    static {
        FETCHES.put("req.ssl_hello_type", TlsHello::helloType);
        FETCHES.put("req.ssl_ver", TlsHello::version);
        FETCHES.put("req.ssl_sni", TlsHello::serverName);
        FETCHES.put("req.ssl_alpn", TlsHello::alpn);
        FETCHES.put("req.ssl_st_ext", TlsHello::sessionTicketExtension);
        FETCHES.put("req.ssl_ec_ext", TlsHello::ellipticCurvesExtension);
    }

    // ---------------------------------------------------------------- hellos made by the JDK

    @Nested
    class JdkHellos {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"TLSv1.2", "TLSv1.3,TLSv1.2"})
        void aFullHelloGivesEveryValue(String protocols) throws Exception {
            byte[] hello = jdkHello(protocols.split(","), "a.example.com", "h2", "http/1.1");
            Payload p = payload(hello);

            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
            assertThat(TlsHello.version(p)).isEqualTo(value(TLS12));
            assertThat(TlsHello.serverName(p)).isEqualTo(value("a.example.com"));
            assertThat(TlsHello.alpn(p)).isEqualTo(value("h2"));
            assertThat(TlsHello.alpnProtocols(p))
                    .containsExactly(SampleValue.ofString("h2"), SampleValue.ofString("http/1.1"));
            assertThat(TlsHello.ellipticCurvesExtension(p)).isEqualTo(PayloadSample.of(SampleValue.TRUE));
            // the JDK offers to take a ticket: an empty SessionTicket extension
            assertThat(extensionLengths(hello)).containsEntry(35, 0);
            assertThat(TlsHello.sessionTicketExtension(p)).isEqualTo(value(1));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"TLSv1.2", "TLSv1.3,TLSv1.2"})
        void everyTruncationIsTooShortForEveryFetch(String protocols) throws Exception {
            byte[] hello = jdkHello(protocols.split(","), "a.example.com", "h2", "http/1.1");
            for (int n = 0; n < hello.length; n++) {
                Payload p = payload(Arrays.copyOf(hello, n));
                for (Map.Entry<String, Function<Payload, PayloadSample>> f : FETCHES.entrySet()) {
                    assertThat(f.getValue().apply(p)).as("%s over %d of %d bytes", f.getKey(), n, hello.length)
                            .isEqualTo(SHORT);
                }
                // a payload that will not grow is still read the same way: the rules decide
                assertThat(TlsHello.serverName(Payload.of(Arrays.copyOf(hello, n), true))).isEqualTo(SHORT);
            }
            assertThat(TlsHello.serverName(payload(hello))).isEqualTo(value("a.example.com"));
        }

        @Test
        void bytesAfterTheHelloChangeNothing() throws Exception {
            byte[] hello = jdkHello(new String[] {"TLSv1.3", "TLSv1.2"}, "a.example.com", "h2");
            Payload p = payload(concat(hello, bytes(0x14, 0x03, 0x03, 0x00, 0x01, 0x01), "junk".getBytes()));

            assertThat(TlsHello.serverName(p)).isEqualTo(value("a.example.com"));
            assertThat(TlsHello.alpn(p)).isEqualTo(value("h2"));
            assertThat(TlsHello.alpnProtocols(p)).containsExactly(SampleValue.ofString("h2"));
            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
            assertThat(TlsHello.version(p)).isEqualTo(value(TLS12));
        }

        @Test
        void aHelloWithoutServerNameOrAlpnHasNeither() throws Exception {
            byte[] hello = jdkHello(new String[] {"TLSv1.2"}, null);
            assertThat(extensionLengths(hello)).doesNotContainKeys(0, 16);
            Payload p = payload(hello);

            assertThat(TlsHello.serverName(p)).isEqualTo(NONE);
            assertThat(TlsHello.alpn(p)).isEqualTo(NONE);
            assertThat(TlsHello.alpnProtocols(p)).isEmpty();
            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
            assertThat(TlsHello.ellipticCurvesExtension(p)).isEqualTo(PayloadSample.of(SampleValue.TRUE));
        }
    }

    // ---------------------------------------------------------------- not TLS at all

    @Test
    void plainHttpHasNoValueForAnyFetch() {
        Payload p = payload("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, Function<Payload, PayloadSample>> f : FETCHES.entrySet()) {
            assertThat(f.getValue().apply(p)).as(f.getKey()).isEqualTo(NONE);
        }
    }

    @Test
    void anEmptyPayloadIsTooShortForEveryFetch() {
        for (Map.Entry<String, Function<Payload, PayloadSample>> f : FETCHES.entrySet()) {
            assertThat(f.getValue().apply(payload(new byte[0]))).as(f.getKey()).isEqualTo(SHORT);
        }
    }

    @Test
    void theVersionWaitsForFourBytesOfAnythingThatIsNotARecord() {
        // not a record content type: read as an SSLv2 header, 3 bytes then a message type
        assertThat(TlsHello.version(payload("G".getBytes()))).isEqualTo(SHORT);
        assertThat(TlsHello.version(payload("GET".getBytes()))).isEqualTo(SHORT);
        assertThat(TlsHello.version(payload("GET ".getBytes()))).isEqualTo(NONE);
        // the ClientHello fetches know from the first byte
        assertThat(TlsHello.serverName(payload("G".getBytes()))).isEqualTo(NONE);
        assertThat(TlsHello.helloType(payload("G".getBytes()))).isEqualTo(NONE);
    }

    // ---------------------------------------------------------------- req.ssl_hello_type

    @Nested
    class HelloType {

        @Test
        void isTheFirstHandshakeMessagesType() {
            byte[] serverHello = bytes(0x16, 0x03, 0x03, 0x00, 0x08, 0x02, 0x00, 0x00, 0x04, 1, 2, 3, 4);
            assertThat(TlsHello.helloType(payload(serverHello))).isEqualTo(value(2));
            assertThat(TlsHello.helloType(payload(Arrays.copyOf(serverHello, 12)))).isEqualTo(SHORT);
        }

        @Test
        void needsNineBytesEvenForAShortRecord() {
            // a complete 7-byte alert: never enough for the fetch
            assertThat(TlsHello.helloType(payload(bytes(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28)))).isEqualTo(SHORT);
        }

        @Test
        void readsAnyRecordTypeAsAHandshake() {
            assertThat(TlsHello.helloType(payload(bytes(0xFF, 0x03, 0x00, 0x00, 0x04, 0x07, 0, 0, 0))))
                    .isEqualTo(value(7));
            assertThat(TlsHello.helloType(payload(bytes(0x17, 0x03, 0x03, 0x00, 0x04, 0x2A, 0, 0, 0))))
                    .isEqualTo(value(42));
            assertThat(TlsHello.helloType(payload(bytes(0x18, 0x03, 0x03, 0x00, 0x04, 0x01, 0, 0, 0))))
                    .isEqualTo(NONE);
        }

        @Test
        void checksTheRecordVersionAndLengthOnceNineBytesAreHere() {
            assertThat(TlsHello.helloType(payload(bytes(0x16, 0x02, 0x00, 0x00, 0x04, 0x01, 0, 0)))).isEqualTo(SHORT);
            assertThat(TlsHello.helloType(payload(bytes(0x16, 0x02, 0x00, 0x00, 0x04, 0x01, 0, 0, 0)))).isEqualTo(NONE);
            assertThat(TlsHello.helloType(payload(bytes(0x16, 0x03, 0x01, 0x00, 0x03, 0x01, 0, 0, 0)))).isEqualTo(NONE);
        }

        @Test
        void waitsForTheWholeMessageAsItsOwnLengthSays() {
            // the record length (4) is not compared with the message length (0x10000)
            byte[] head = bytes(0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x01, 0x00, 0x00);
            assertThat(TlsHello.helloType(payload(concat(head, new byte[0xFFFF])))).isEqualTo(SHORT);
            assertThat(TlsHello.helloType(payload(concat(head, new byte[0x10000])))).isEqualTo(value(1));
        }

        @Test
        void hasNoValueForAnSslv2Hello() {
            assertThat(TlsHello.helloType(payload(sslv2Hello(0x0301)))).isEqualTo(NONE);
        }
    }

    // ---------------------------------------------------------------- req.ssl_ver

    @Nested
    class Version {

        @Test
        void ofAnSslv2CompatibleHelloIsTheVersionItOffers() {
            byte[] hello = sslv2Hello(0x0301);
            assertThat(TlsHello.version(payload(hello))).isEqualTo(value(0x030001));
            for (int n = 0; n < hello.length; n++) {
                assertThat(TlsHello.version(payload(Arrays.copyOf(hello, n)))).as("%d bytes", n).isEqualTo(SHORT);
            }
            assertThat(TlsHello.version(payload(sslv2Hello(0x0002)))).isEqualTo(value(2));
            // the ClientHello fetches want a TLS record
            assertThat(TlsHello.serverName(payload(hello))).isEqualTo(NONE);
        }

        @Test
        void ofAnSslv2HelloWithALongHeaderWaitsForThePadding() {
            // 3-byte header: 14-bit length, then 2 bytes of padding after the challenge
            byte[] hello = concat(bytes(0x00, 28, 2, 0x01, 0x03, 0x00, 0, 3, 0, 0, 0, 16),
                    bytes(0x00, 0x00, 0x2F), new byte[16], new byte[2]);
            assertThat(TlsHello.version(payload(hello))).isEqualTo(value(0x030000));
            assertThat(TlsHello.version(payload(Arrays.copyOf(hello, hello.length - 1)))).isEqualTo(SHORT);
        }

        @Test
        void ofAMalformedSslv2HelloIsNone() {
            assertThat(TlsHello.version(payload(sslv2(28, 0x02, 3, 0, 16)))).as("message type").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(29, 0x01, 4, 0, 16)))).as("ciphers").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(36, 0x01, 3, 8, 16)))).as("session id").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(27, 0x01, 3, 0, 15)))).as("short challenge").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(45, 0x01, 3, 0, 33)))).as("long challenge").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(29, 0x01, 3, 0, 16)))).as("record length").isEqualTo(NONE);
            assertThat(TlsHello.version(payload(sslv2(44, 0x01, 3, 16, 16)))).as("with a session id")
                    .isEqualTo(value(0x030001));
        }

        @Test
        void needsElevenBytesOfARecord() {
            byte[] rec = bytes(0x16, 0x02, 0x00, 0x00, 0x30, 0x01, 0, 0, 0x2C, 0x03, 0x03);
            assertThat(TlsHello.version(payload(Arrays.copyOf(rec, 10)))).isEqualTo(SHORT);
            assertThat(TlsHello.version(payload(rec))).as("record major version 2").isEqualTo(NONE);
        }

        @Test
        void ofAnyRecordIsReadAtTheClientVersionsPlace() {
            byte[] data = bytes(0x17, 0x03, 0x03, 0x00, 0x06, 0, 0, 0, 0, 0x12, 0x34);
            assertThat(TlsHello.version(payload(data))).isEqualTo(value(0x120034));
        }

        @Test
        void wantsARecordLengthFrom6To18432() {
            byte[] five = bytes(0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0, 0, 1, 0x03, 0x03);
            assertThat(TlsHello.version(payload(five))).isEqualTo(NONE);
            byte[] six = bytes(0x16, 0x03, 0x01, 0x00, 0x06, 0x01, 0, 0, 2, 0x03, 0x03);
            assertThat(TlsHello.version(payload(six))).isEqualTo(value(TLS12));
            byte[] tooLong = bytes(0x16, 0x03, 0x01, 0x48, 0x01, 0x01, 0, 0, 0, 0x03, 0x03);
            assertThat(TlsHello.version(payload(tooLong))).isEqualTo(NONE);
        }

        @Test
        void waitsForTheRecordButNoMoreThanABuffer() {
            byte[] head = bytes(0x16, 0x03, 0x01, 0x48, 0x00, 0x01, 0, 0, 0, 0x03, 0x02);
            // a record of 18432 bytes: given once a buffer's worth of it (15360) is here
            byte[] rest = new byte[Payload.CAPACITY - 6];
            assertThat(TlsHello.version(payload(concat(head, rest)))).isEqualTo(value(0x030002));
            assertThat(TlsHello.version(payload(concat(head, Arrays.copyOf(rest, rest.length - 1)))))
                    .isEqualTo(SHORT);
        }
    }

    // ---------------------------------------------------------------- the ClientHello walk

    @Nested
    class ClientHelloChecks {

        @Test
        void theBuilderMakesAHelloEveryFetchReads() {
            Payload p = payload(new Hello().ext(sni("b.example")).ext(alpnExt("h2")).ext(ext(10, 2, 0, 29))
                    .ext(ext(35)).encode());
            assertThat(TlsHello.serverName(p)).isEqualTo(value("b.example"));
            assertThat(TlsHello.alpn(p)).isEqualTo(value("h2"));
            assertThat(TlsHello.ellipticCurvesExtension(p)).isEqualTo(PayloadSample.of(SampleValue.TRUE));
            assertThat(TlsHello.sessionTicketExtension(p)).isEqualTo(value(1));
            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
            assertThat(TlsHello.version(p)).isEqualTo(value(TLS12));
        }

        @Test
        void wantsAHandshakeRecordOfSsl3OrLater() {
            byte[] hello = new Hello().ext(sni("b.example")).encode();
            byte[] alert = hello.clone();
            alert[0] = 0x15;
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(alert, 1)))).isEqualTo(NONE);
            byte[] old = hello.clone();
            old[1] = 0x02;
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(old, 2)))).isEqualTo(SHORT);
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(old, 3)))).isEqualTo(NONE);
            byte[] anyMinor = hello.clone();
            anyMinor[2] = 0x7F;
            assertThat(TlsHello.serverName(payload(anyMinor))).isEqualTo(value("b.example"));
        }

        @Test
        void decidesOnTheRecordLengthBeforeTheRecordIsHere() {
            Hello h = new Hello().ext(sni("b.example"));
            h.recordLength = 48;
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(h.encode(), 5)))).isEqualTo(NONE);
            h.recordLength = 49;
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(h.encode(), 5)))).isEqualTo(SHORT);
        }

        @Test
        void waitsForTheWholeRecordEvenWhenTheHelloIsHere() {
            Hello h = new Hello().ext(sni("b.example"));
            byte[] hello = h.encode();
            // the same hello followed by 10 more bytes in its record
            h.recordLength = hello.length - 5 + 10;
            byte[] longer = concat(h.encode(), new byte[10]);
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(longer, hello.length)))).isEqualTo(SHORT);
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(longer, longer.length - 1)))).isEqualTo(SHORT);
            assertThat(TlsHello.serverName(payload(longer))).isEqualTo(value("b.example"));
        }

        @Test
        void wantsAClientHelloOfAtLeast45Bytes() {
            Hello h = new Hello().ext(sni("b.example"));
            h.handshakeType = 2;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(h.encode(), h.encode().length - 1)))).isEqualTo(SHORT);
            h = new Hello().ext(sni("b.example"));
            h.handshakeLength = 44;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
        }

        @Test
        void waitsForTheHandshakeMessageAsItsLengthSays() {
            Hello h = new Hello().ext(sni("b.example"));
            byte[] hello = h.encode();
            // a message said to be 4 bytes longer than the record that holds it
            h.handshakeLength = hello.length - 9 + 4;
            byte[] claimed = h.encode();
            assertThat(TlsHello.serverName(payload(claimed))).isEqualTo(SHORT);
            assertThat(TlsHello.serverName(payload(concat(claimed, new byte[3])))).isEqualTo(SHORT);
            // the 4 bytes that follow are taken as the end of the message
            assertThat(TlsHello.serverName(payload(concat(claimed, new byte[4])))).isEqualTo(value("b.example"));
        }

        @ParameterizedTest(name = "client version {0}")
        @ValueSource(ints = {0x0301, 0x0302, 0x0303, 0x0304, 0x0401})
        void acceptsAClientVersionOfTls10OrLater(int version) {
            Hello h = new Hello().ext(sni("b.example"));
            h.clientVersion = version;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(value("b.example"));
        }

        @ParameterizedTest(name = "client version {0}")
        @ValueSource(ints = {0x0300, 0x0400, 0x0201})
        void refusesAClientVersionWithAMajorBelow3OrAMinorOf0(int version) {
            Hello h = new Hello().ext(sni("b.example"));
            h.clientVersion = version;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
            assertThat(TlsHello.version(payload(h.encode()))).isEqualTo(value((version >> 8) << 16 | (version & 0xFF)));
        }

        @Test
        void wantsASessionIdOfAtMost32Bytes() {
            Hello h = new Hello().ext(sni("b.example"));
            h.sessionId = new byte[32];
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(value("b.example"));
            h.sessionId = new byte[33];
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
        }

        @Test
        void wantsTwoCipherBytesAndOneCompressionMethod() {
            Hello h = new Hello().ext(sni("b.example"));
            h.ciphers = new byte[1];
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
            h.ciphers = new byte[3];
            assertThat(TlsHello.serverName(payload(h.encode()))).as("an odd cipher list").isEqualTo(value("b.example"));
            h = new Hello().ext(sni("b.example"));
            h.methods = new byte[0];
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
        }

        @Test
        void aHelloWithoutAnExtensionBlockHasNoValueNotEvenZero() {
            Hello h = new Hello();
            h.sessionId = new byte[32];
            h.noExtensionBlock = true;
            Payload p = payload(h.encode());
            assertThat(TlsHello.sessionTicketExtension(p)).isEqualTo(NONE);
            assertThat(TlsHello.serverName(p)).isEqualTo(NONE);
            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
        }

        @Test
        void theExtensionBlockMustFitInTheHello() {
            Hello h = new Hello().ext(sni("b.example"));
            int actual = h.encode().length - 9 - 2 - 2 - 32 - 1 - 2 - 2 - 1 - 1;
            h.extensionsLength = actual + 1;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
            // shorter than what follows: only the block is walked
            h = new Hello().ext(ext(5, 1, 0, 0, 0, 0)).ext(sni("b.example"));
            h.extensionsLength = 9;
            assertThat(TlsHello.serverName(payload(h.encode()))).isEqualTo(NONE);
            assertThat(TlsHello.sessionTicketExtension(payload(h.encode()))).isEqualTo(value(0));
        }

        @Test
        void theWalkStopsAtAnExtensionThatRunsPastTheBlock() {
            byte[] broken = bytes(0x00, 0x17, 0x00, 0x40);
            assertThat(TlsHello.serverName(payload(new Hello().ext(broken).ext(sni("b.example")).encode())))
                    .isEqualTo(NONE);
            // found before the broken one: the walk never gets there
            Payload after = payload(new Hello().ext(sni("b.example")).ext(ext(35, 7)).ext(broken).ext(ext(10)).encode());
            assertThat(TlsHello.serverName(after)).isEqualTo(value("b.example"));
            assertThat(TlsHello.sessionTicketExtension(after)).isEqualTo(value(2));
            // past it: not found, and not 0 either
            assertThat(TlsHello.ellipticCurvesExtension(after)).isEqualTo(NONE);
            Payload noTicket = payload(new Hello().ext(sni("b.example")).ext(broken).ext(ext(10)).encode());
            assertThat(TlsHello.sessionTicketExtension(noTicket)).isEqualTo(NONE);
        }

        @Test
        void oneToThreeBytesLeftInTheBlockAreIgnored() {
            Payload p = payload(new Hello().ext(sni("b.example")).ext(bytes(0x00, 0x23, 0x00)).encode());
            assertThat(TlsHello.sessionTicketExtension(p)).isEqualTo(value(0));
            assertThat(TlsHello.serverName(p)).isEqualTo(value("b.example"));
        }

        @Test
        void aHelloSplitOverTwoRecordsIsReadAcrossTheSecondHeader() {
            byte[] sniExt = sni("b.example");
            byte[] hello = new Hello().ext(sniExt).ext(alpnExt("h2")).encode();
            byte[] handshake = Arrays.copyOfRange(hello, 5, hello.length);
            int alpnAt = handshake.length - alpnExt("h2").length;
            // first record up to the end of server_name, second record with the ALPN extension
            byte[] split = concat(record(Arrays.copyOf(handshake, alpnAt)),
                    record(Arrays.copyOfRange(handshake, alpnAt, handshake.length)));
            Payload p = payload(split);

            assertThat(TlsHello.serverName(p)).isEqualTo(value("b.example"));
            // the ALPN extension is read from the second record's header: it does not fit
            assertThat(TlsHello.alpn(p)).isEqualTo(NONE);
            assertThat(TlsHello.helloType(p)).isEqualTo(value(1));
            // the message's length counts from its own header on, so the last 5 bytes are not awaited
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(split, split.length - 5))))
                    .isEqualTo(value("b.example"));
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(split, split.length - 6)))).isEqualTo(SHORT);
            assertThat(TlsHello.helloType(payload(Arrays.copyOf(split, split.length - 5)))).isEqualTo(value(1));
            assertThat(TlsHello.helloType(payload(Arrays.copyOf(split, split.length - 6)))).isEqualTo(SHORT);
        }

        @Test
        void aFirstRecordTooShortForAnExtensionEndsTheClientHelloFetches() {
            byte[] hello = new Hello().ext(sni("b.example")).encode();
            byte[] handshake = Arrays.copyOfRange(hello, 5, hello.length);
            byte[] split = concat(record(Arrays.copyOf(handshake, 44)),
                    record(Arrays.copyOfRange(handshake, 44, handshake.length)));
            assertThat(TlsHello.serverName(payload(Arrays.copyOf(split, 5)))).isEqualTo(NONE);
            assertThat(TlsHello.sessionTicketExtension(payload(split))).isEqualTo(NONE);
            assertThat(TlsHello.version(payload(Arrays.copyOf(split, 49)))).isEqualTo(value(TLS12));
        }
    }

    // ---------------------------------------------------------------- req.ssl_sni

    @Nested
    class ServerName {

        @Test
        void isNoneWithoutTheExtension() {
            assertThat(TlsHello.serverName(payload(new Hello().ext(alpnExt("h2")).encode()))).isEqualTo(NONE);
        }

        @Test
        void mayBeEmptyWhenTheListHasRoomForIt() {
            // list of 4 bytes: host_name, length 0, and a stray byte
            Payload four = payload(new Hello().ext(ext(0, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00)).encode());
            assertThat(TlsHello.serverName(four)).isEqualTo(value(""));
            // a list of exactly one empty name is too short a list
            Payload three = payload(new Hello().ext(ext(0, 0x00, 0x03, 0x00, 0x00, 0x00)).ext(ext(23)).encode());
            assertThat(TlsHello.serverName(three)).isEqualTo(NONE);
        }

        @Test
        void readsOnlyTheFirstEntryOfEachExtension() {
            byte[] other = entry(1, "x.example");
            byte[] host = entry(0, "b.example");
            Payload second = payload(new Hello().ext(ext(0, list(other, host))).encode());
            assertThat(TlsHello.serverName(second)).isEqualTo(NONE);
            // another server_name extension may still give one
            Payload again = payload(new Hello().ext(ext(0, list(other, host))).ext(ext(0, list(host))).encode());
            assertThat(TlsHello.serverName(again)).isEqualTo(value("b.example"));
        }

        @Test
        void isNoneWhenAListOrNameLengthDoesNotFit() {
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, 0x00)).ext(ext(23, 0, 0, 0, 0)).encode())))
                    .as("no list length").isEqualTo(NONE);
            byte[] name = entry(0, "b.example");
            byte[] overlong = concat(bytes(0, name.length + 8), name);
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, overlong)).ext(ext(23)).encode())))
                    .as("list runs past the extensions").isEqualTo(NONE);
            byte[] longName = concat(bytes(0, 12, 0, 0, 10), "b.example".getBytes(), new byte[1]);
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, longName)).encode())))
                    .as("name runs past the list").isEqualTo(NONE);
            byte[] fits = concat(bytes(0, 13, 0, 0, 10), "b.example".getBytes(), new byte[1]);
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, fits)).encode())))
                    .isEqualTo(value("b.example\0"));
            byte[] otherLong = concat(bytes(0, 12, 1, 0, 10), "x.example".getBytes(), new byte[1]);
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, otherLong)).ext(sni("b.example")).encode())))
                    .as("checked before the name type").isEqualTo(NONE);
        }

        @Test
        void keepsEveryByteOfTheName() {
            byte[] raw = concat(bytes(0, 7, 0, 0, 4), new byte[] {'A', (byte) 0xE9, 0, '.'});
            assertThat(TlsHello.serverName(payload(new Hello().ext(ext(0, raw)).encode())))
                    .isEqualTo(value("A\u00e9\0."));
        }
    }

    // ---------------------------------------------------------------- req.ssl_alpn

    @Nested
    class Alpn {

        @Test
        void isThePreferredProtocolAndAnAclSeesThemAll() {
            Payload p = payload(new Hello().ext(alpnExt("http/1.1", "h2", "")).encode());
            assertThat(TlsHello.alpn(p)).isEqualTo(value("http/1.1"));
            assertThat(TlsHello.alpnProtocols(p)).containsExactly(
                    SampleValue.ofString("http/1.1"), SampleValue.ofString("h2"), SampleValue.ofString(""));
        }

        @Test
        void ignoresTheListLength() {
            Payload p = payload(new Hello().ext(ext(16, 0x00, 0x00, 2, 'h', '2', 2, 'h', '3')).encode());
            assertThat(TlsHello.alpn(p)).isEqualTo(value("h2"));
            assertThat(TlsHello.alpnProtocols(p)).hasSize(2);
        }

        @Test
        void stopsAtTheFirstNameThatDoesNotFit() {
            Payload second = payload(new Hello().ext(ext(16, 0x00, 0x09, 2, 'h', '2', 8, 'h', 't', 't', 'p')).encode());
            assertThat(TlsHello.alpn(second)).isEqualTo(value("h2"));
            assertThat(TlsHello.alpnProtocols(second)).containsExactly(SampleValue.ofString("h2"));
            Payload first = payload(new Hello().ext(ext(16, 0x00, 0x03, 3, 'h', '2')).ext(ext(23)).encode());
            assertThat(TlsHello.alpn(first)).isEqualTo(NONE);
            assertThat(TlsHello.alpnProtocols(first)).isEmpty();
        }

        @Test
        void wantsThreeBytesInTheExtension() {
            Payload two = payload(new Hello().ext(ext(16, 0x00, 0x00)).ext(ext(23, 0, 0, 0, 0, 0)).encode());
            assertThat(TlsHello.alpn(two)).isEqualTo(NONE);
            Payload empty = payload(new Hello().ext(ext(16, 0x00, 0x01, 0)).ext(ext(23)).encode());
            assertThat(TlsHello.alpn(empty)).isEqualTo(value(""));
        }

        @Test
        void isDecidedByTheFirstAlpnExtension() {
            Payload p = payload(new Hello().ext(ext(16, 0x00, 0x00)).ext(alpnExt("h2")).ext(ext(23)).encode());
            assertThat(TlsHello.alpn(p)).isEqualTo(NONE);
            assertThat(TlsHello.alpnProtocols(p)).isEmpty();
        }
    }

    // ---------------------------------------------------------------- req.ssl_st_ext, req.ssl_ec_ext

    @Nested
    class TicketAndCurves {

        @Test
        void sessionTicketIsZeroOneOrTwo() {
            assertThat(TlsHello.sessionTicketExtension(payload(new Hello().ext(sni("b.example")).encode())))
                    .isEqualTo(value(0));
            assertThat(TlsHello.sessionTicketExtension(payload(new Hello().ext(sni("b.example")).ext(ext(35)).encode())))
                    .isEqualTo(value(1));
            assertThat(TlsHello.sessionTicketExtension(
                    payload(new Hello().ext(ext(35, new byte[40])).ext(sni("b.example")).encode())))
                    .isEqualTo(value(2));
        }

        @Test
        void ellipticCurvesIsTrueOrNoValue() {
            assertThat(TlsHello.ellipticCurvesExtension(payload(new Hello().ext(ext(10)).ext(sni("b.example")).encode())))
                    .isEqualTo(PayloadSample.of(SampleValue.TRUE));
            assertThat(TlsHello.ellipticCurvesExtension(payload(new Hello().ext(sni("b.example")).encode())))
                    .isEqualTo(NONE);
        }

        @Test
        void bothAreTooShortUntilTheHelloIsHere() {
            byte[] hello = new Hello().ext(ext(10, 0, 2, 0, 29)).ext(ext(35)).ext(sni("b.example")).encode();
            Payload cut = payload(Arrays.copyOf(hello, hello.length - 1));
            assertThat(TlsHello.sessionTicketExtension(cut)).isEqualTo(SHORT);
            assertThat(TlsHello.ellipticCurvesExtension(cut)).isEqualTo(SHORT);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Payload payload(byte[] bytes) {
        return Payload.of(bytes, false);
    }

    private static PayloadSample value(long v) {
        return PayloadSample.of(SampleValue.ofInt(v));
    }

    private static PayloadSample value(String s) {
        return PayloadSample.of(SampleValue.ofString(s));
    }

    /** The first flight of a JDK client engine: its ClientHello record. */
    private static byte[] jdkHello(String[] protocols, String serverName, String... alpn) {
        return ClientHellos.of(serverName, List.of(alpn), protocols);
    }

    /** The extensions of a well-formed single-record ClientHello, type to data length, read plainly. */
    private static Map<Integer, Integer> extensionLengths(byte[] hello) {
        ByteBuffer b = ByteBuffer.wrap(hello);
        b.position(5 + 4 + 2 + 32);
        int sessionId = b.get() & 0xFF;
        b.position(b.position() + sessionId);
        int ciphers = b.getShort() & 0xFFFF;
        b.position(b.position() + ciphers);
        int methods = b.get() & 0xFF;
        b.position(b.position() + methods);
        int length = b.getShort() & 0xFFFF;
        int end = b.position() + length;
        Map<Integer, Integer> out = new LinkedHashMap<>();
        while (b.position() < end) {
            int type = b.getShort() & 0xFFFF;
            int extLength = b.getShort() & 0xFFFF;
            out.putIfAbsent(type, extLength);
            b.position(b.position() + extLength);
        }
        return out;
    }

    /** An SSLv2 CLIENT-HELLO with a 2-byte header, one cipher and a 16-byte challenge. */
    private static byte[] sslv2Hello(int version) {
        return concat(bytes(0x80, 28, 0x01, version >> 8, version & 0xFF, 0, 3, 0, 0, 0, 16),
                bytes(0x00, 0x00, 0x2F), new byte[16]);
    }

    /** An SSLv2 hello with a 2-byte header saying {@code length}, and the given fields. */
    private static byte[] sslv2(int length, int type, int ciphers, int sessionId, int challenge) {
        return concat(bytes(0x80 | length >> 8, length & 0xFF, type, 0x03, 0x01, ciphers >> 8, ciphers & 0xFF,
                sessionId >> 8, sessionId & 0xFF, challenge >> 8, challenge & 0xFF),
                new byte[ciphers + sessionId + challenge]);
    }

    /** A handshake record holding {@code body}. */
    private static byte[] record(byte[] body) {
        return concat(bytes(0x16, 0x03, 0x03, body.length >> 8, body.length & 0xFF), body);
    }

    private static byte[] ext(int type, int... data) {
        return ext(type, bytes(data));
    }

    private static byte[] ext(int type, byte[] data) {
        return concat(bytes(type >> 8, type & 0xFF, data.length >> 8, data.length & 0xFF), data);
    }

    private static byte[] sni(String host) {
        return ext(0, list(entry(0, host)));
    }

    private static byte[] entry(int nameType, String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        return concat(bytes(nameType, n.length >> 8, n.length & 0xFF), n);
    }

    private static byte[] list(byte[]... entries) {
        byte[] all = concat(entries);
        return concat(bytes(all.length >> 8, all.length & 0xFF), all);
    }

    private static byte[] alpnExt(String... names) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String n : names) {
            b.write(n.length());
            b.writeBytes(n.getBytes(StandardCharsets.ISO_8859_1));
        }
        return ext(16, list(b.toByteArray()));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            b.writeBytes(part);
        }
        return b.toByteArray();
    }

    /** A ClientHello record, by default well formed, with fields and lengths to break. */
    private static final class Hello {
        int contentType = 0x16;
        int recordVersion = 0x0301;
        int handshakeType = 1;
        int clientVersion = 0x0303;
        byte[] sessionId = new byte[0];
        byte[] ciphers = bytes(0x13, 0x01);
        byte[] methods = bytes(0);
        final List<byte[]> extensions = new ArrayList<>();
        boolean noExtensionBlock;
        Integer recordLength;
        Integer handshakeLength;
        Integer extensionsLength;

        /** Adds an extension, or any raw bytes, to the extension block. */
        Hello ext(byte[] extension) {
            extensions.add(extension);
            return this;
        }

        byte[] encode() {
            byte[] exts = concat(extensions.toArray(new byte[0][]));
            int extLen = extensionsLength != null ? extensionsLength : exts.length;
            byte[] body = concat(
                    bytes(clientVersion >> 8, clientVersion & 0xFF),
                    new byte[32],
                    bytes(sessionId.length), sessionId,
                    bytes(ciphers.length >> 8, ciphers.length & 0xFF), ciphers,
                    bytes(methods.length), methods,
                    noExtensionBlock ? new byte[0] : bytes(extLen >> 8, extLen & 0xFF),
                    noExtensionBlock ? new byte[0] : exts);
            int hsLen = handshakeLength != null ? handshakeLength : body.length;
            byte[] handshake = concat(bytes(handshakeType, hsLen >> 16, (hsLen >> 8) & 0xFF, hsLen & 0xFF),
                    body);
            int recLen = recordLength != null ? recordLength : handshake.length;
            return concat(bytes(contentType, recordVersion >> 8, recordVersion & 0xFF,
                    recLen >> 8, recLen & 0xFF), handshake);
        }
    }
}
