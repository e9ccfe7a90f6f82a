package dev.sluice.runtime.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload fetches that read a TLS ClientHello from the first bytes a client sent, before any
 * TLS is done by the proxy: {@code req.ssl_hello_type}, {@code req.ssl_ver}, {@code req.ssl_sni},
 * {@code req.ssl_alpn}, {@code req.ssl_st_ext} and {@code req.ssl_ec_ext} (and their older
 * {@code req_ssl_*} spellings), deciding as HAProxy 2.6 does which bytes they need, when they give
 * up, and what they return.
 *
 * <p>Every fetch answers {@link PayloadSample#SHORT} while the bytes it needs have not all arrived
 * (a rule waiting for content may then wait for more), {@link PayloadSample#NONE} when the bytes
 * that are here already rule a value out, or the value.
 *
 * <p>Only the first record is looked at, and a ClientHello is read as one run of bytes starting
 * right after that record's 5-byte header: nothing reassembles a hello split over several
 * records, so fields past the end of the first record are read through the next record's header
 * and are usually not found. The four fetches that read the hello's extensions ({@link
 * #serverName}, {@link #alpn}, {@link #sessionTicketExtension}, {@link #ellipticCurvesExtension})
 * want the whole first record and the whole handshake message; they follow HAProxy's corrected
 * bounds (its later fixes for a 4-byte over-count of the handshake and for an unchecked server-name
 * length), under which no byte past what arrived is ever read.
 */
final class TlsHello {

    /** The smallest record length, and handshake length plus 4, that can hold one extension. */
    private static final int MIN_RECORD = 1 + 3 + 2 + 32 + 1 + 2 + 2 + 1 + 1 + 2 + 2;

    /** The smallest ClientHello body that can hold one extension. */
    private static final int MIN_HELLO = MIN_RECORD - 4;

    /** The longest record {@link #version} accepts: 2^14 bytes plus 2048 of expansion. */
    private static final int MAX_RECORD = (1 << 14) + 2048;

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_ALPN = 16;
    private static final int EXT_SESSION_TICKET = 35;

    private TlsHello() {}

    /**
     * {@code req.ssl_hello_type}: the handshake message type of the first record (1 for a
     * ClientHello), an integer.
     *
     * <p>The first byte must be a record content type, 20 to 23 or 255 (so an alert or application
     * data record also gives its sixth byte as "type"), else there is no value. Until 9 bytes are
     * here the answer is "too short"; then the record's major version must be 3 or more and its
     * length at least 4, else no value. The value is given once the whole message, as long as its
     * 3-byte length says, is here; the record length is not compared with it.
     */
    static PayloadSample helloType(Payload p) {
        int n = p.length();
        if (n == 0) {
            return PayloadSample.SHORT;
        }
        if (!recordContentType(p.at(0))) {
            return PayloadSample.NONE;
        }
        if (n < 9) {
            return PayloadSample.SHORT;
        }
        if (p.at(1) < 3 || u16(p, 3) < 4) {
            return PayloadSample.NONE;
        }
        int type = p.at(5);
        if (n - 9 < u24(p, 6)) {
            return PayloadSample.SHORT;
        }
        return PayloadSample.of(SampleValue.ofInt(type));
    }

    /**
     * {@code req.ssl_ver}: the protocol version the client's hello offers, as an integer of major
     * times 65536 plus minor (TLS 1.2 and the TLS 1.3 hello's legacy field: {@code 0x030003}).
     *
     * <p>When the first byte is a record content type (20 to 23 or 255), 11 bytes are needed; the
     * record's major version must be 3 or more and its length 6 to 18432, and the value is the two
     * bytes at offsets 9 and 10, the ClientHello's client version (read whatever the record holds),
     * given once the whole record is here.
     *
     * <p>Anything else is read as an SSLv2 record header: 2 bytes when the top bit is set, else 3
     * (the third a padding length), which must be followed by message type 1 and 8 bytes of version
     * and cipher, session id and challenge lengths (ciphers a multiple of 3, session id 0 or 16,
     * challenge 16 to 32, and the record length equal to 9 plus the three). The value is that
     * version (so {@code 0x030001} for an SSLv2-compatible TLS 1.0 hello, 2 for SSLv2), once the
     * ciphers, session id, challenge and padding are here. Until those header bytes are here the
     * answer is "too short", whatever they will be: even {@code GET} is too short, {@code GET /}
     * has no value.
     *
     * <p>The bytes awaited are never more than {@link Payload#CAPACITY}.
     */
    static PayloadSample version(Payload p) {
        int n = p.length();
        if (n == 0) {
            return PayloadSample.SHORT;
        }
        int first = p.at(0);
        int version;
        int awaited;
        int held;
        if (recordContentType(first)) {
            if (n < 11) {
                return PayloadSample.SHORT;
            }
            int length = u16(p, 3);
            if (p.at(1) < 3 || length < 6 || length > MAX_RECORD) {
                return PayloadSample.NONE;
            }
            version = p.at(9) << 16 | p.at(10);
            awaited = length;
            held = n - 5;
        } else {
            int at;
            int length;
            int padding;
            if ((first & 0x80) != 0) {
                if (n < 3) {
                    return PayloadSample.SHORT;
                }
                length = (first & 0x7F) << 8 | p.at(1);
                padding = 0;
                at = 2;
            } else {
                if (n < 4) {
                    return PayloadSample.SHORT;
                }
                length = (first & 0x3F) << 8 | p.at(1);
                padding = p.at(2);
                at = 3;
            }
            if (p.at(at) != 1) {
                return PayloadSample.NONE;
            }
            at++;
            if (n - at < 8) {
                return PayloadSample.SHORT;
            }
            version = p.at(at) << 16 | p.at(at + 1);
            int ciphers = u16(p, at + 2);
            int sessionId = u16(p, at + 4);
            int challenge = u16(p, at + 6);
            at += 8;
            if (ciphers % 3 != 0
                    || (sessionId != 0 && sessionId != 16)
                    || challenge < 16 || challenge > 32
                    || length != 9 + ciphers + sessionId + challenge) {
                return PayloadSample.NONE;
            }
            awaited = ciphers + sessionId + challenge + padding;
            held = n - at;
        }
        if (held < Math.min(awaited, Payload.CAPACITY)) {
            return PayloadSample.SHORT;
        }
        return PayloadSample.of(SampleValue.ofInt(version));
    }

    /**
     * {@code req.ssl_sni}: the host name the ClientHello's server_name extension gives, a string
     * (empty when the client sent an empty name).
     *
     * <p>Of each server_name extension only the first entry is read: a name of another type than
     * host_name skips the extension, and a later server_name extension may still give one. No value
     * when the hello has none, or when an extension before it, or its list or name length, does
     * not fit. See {@link #clientHello} for when the hello is "too short".
     */
    static PayloadSample serverName(Payload p) {
        return orNone(walk(p, (type, at, length, left) -> {
            if (type != EXT_SERVER_NAME) {
                return null;
            }
            if (length < 2) {
                return PayloadSample.NONE;
            }
            // the list length is bounded by what is left of all the extensions, not this one
            int list = u16(p, at + 4);
            if (list < 4 || list > left - 6) {
                return PayloadSample.NONE;
            }
            int nameType = p.at(at + 6);
            int name = u16(p, at + 7);
            if (name + 3 > list) {
                return PayloadSample.NONE;
            }
            if (nameType != 0) {
                return null;
            }
            return PayloadSample.of(SampleValue.ofString(p.slice(at + 9, at + 9 + name)));
        }));
    }

    /**
     * {@code req.ssl_alpn}: the first protocol name of the ClientHello's ALPN extension, a string
     * (the client's preferred one, e.g. {@code h2}). An ACL sees every name in turn, see {@link
     * #alpnProtocols}.
     *
     * <p>The names are walked within the extension's length; the list's own length is not read. No
     * value when the hello has no ALPN extension, when the extension holds fewer than 3 bytes, when
     * the first name does not fit in it, or when an extension before it does not fit. See {@link
     * #clientHello} for when the hello is "too short".
     */
    static PayloadSample alpn(Payload p) {
        return orNone(walk(p, (type, at, length, left) -> {
            if (type != EXT_ALPN) {
                return null;
            }
            List<SampleValue> names = alpnNames(p, at, length);
            return names.isEmpty() ? PayloadSample.NONE : PayloadSample.of(names.get(0));
        }));
    }

    /**
     * Every protocol name of the ClientHello's ALPN extension that an ACL on {@code req.ssl_alpn}
     * is offered, in the client's order: the first is {@link #alpn}'s value, and the walk stops at
     * the end of the extension or at the first name that does not fit in it. Empty when {@link
     * #alpn} has no value.
     */
    static List<SampleValue> alpnProtocols(Payload p) {
        List<List<SampleValue>> found = new ArrayList<>(1);
        walk(p, (type, at, length, left) -> {
            if (type != EXT_ALPN) {
                return null;
            }
            found.add(alpnNames(p, at, length));
            return PayloadSample.NONE;
        });
        return found.isEmpty() ? List.of() : found.get(0);
    }

    /**
     * {@code req.ssl_st_ext}: an integer saying whether the ClientHello carries the SessionTicket
     * extension: 0 when it does not, 1 when it does but empty (a client that can take a ticket), 2
     * when it holds a ticket (a client resuming a session).
     *
     * <p>0 needs a hello whose extensions were all walked; no value when the hello has no extension
     * block at all or an extension before the ticket does not fit. See {@link #clientHello} for when
     * the hello is "too short".
     */
    static PayloadSample sessionTicketExtension(Payload p) {
        PayloadSample found = walk(p, (type, at, length, left) -> type != EXT_SESSION_TICKET
                ? null
                : PayloadSample.of(SampleValue.ofInt(length > 0 ? 2 : 1)));
        return found == NOT_FOUND ? PayloadSample.of(SampleValue.ofInt(0)) : found;
    }

    /**
     * {@code req.ssl_ec_ext}: a boolean, true when the ClientHello carries the supported_groups
     * (formerly "elliptic curves") extension, whatever it holds. Never false: without the extension
     * there is no value, as there is for a hello that is not one or does not fit. See {@link
     * #clientHello} for when the hello is "too short".
     */
    static PayloadSample ellipticCurvesExtension(Payload p) {
        return orNone(walk(p, (type, at, length, left) -> type != EXT_SUPPORTED_GROUPS
                ? null
                : PayloadSample.of(SampleValue.TRUE)));
    }

    /** {@code found}, or NONE when no extension decided. */
    private static PayloadSample orNone(PayloadSample found) {
        return found == NOT_FOUND ? PayloadSample.NONE : found;
    }

    /** What {@link #walk} returns when no extension decided. */
    private static final PayloadSample NOT_FOUND = new PayloadSample(null, false);

    /** Looks at one extension: its type, offset, data length, and the bytes left in the block. */
    private interface Visitor {

        /** The fetch's answer, or null to go on with the next extension. */
        PayloadSample visit(int type, int at, int length, int left);
    }

    /**
     * Offers each extension of the ClientHello to {@code visitor} until it answers: its answer,
     * SHORT or NONE when the hello is not complete or not one, NONE when an extension's length runs
     * past the block (the walk ends there), or {@link #NOT_FOUND} when the block was walked
     * through; 1 to 3 bytes left at the end of it are ignored.
     */
    private static PayloadSample walk(Payload p, Visitor visitor) {
        long block = clientHello(p);
        if (block == SHORT) {
            return PayloadSample.SHORT;
        }
        if (block == ABSENT) {
            return PayloadSample.NONE;
        }
        int at = (int) (block >>> 32);
        int left = (int) block;
        while (left >= 4) {
            int type = u16(p, at);
            int length = u16(p, at + 2);
            if (length > left - 4) {
                return PayloadSample.NONE;
            }
            PayloadSample answer = visitor.visit(type, at, length, left);
            if (answer != null) {
                return answer;
            }
            at += 4 + length;
            left -= 4 + length;
        }
        return NOT_FOUND;
    }

    private static final long SHORT = -1;
    private static final long ABSENT = -2;

    /**
     * Finds the extension block of the ClientHello at the start of {@code p}: its offset in the
     * high 32 bits and its length (as its 2-byte length says) in the low ones, or {@link #SHORT} or
     * {@link #ABSENT}. In order, with "too short" whenever the bytes looked at next are not here:
     *
     * <ul>
     *   <li>byte 0 must be 22 (handshake) and byte 1, the record's major version, 3 or more;
     *   <li>the record length (bytes 3-4) must be at least 49, and the whole record must be here;
     *   <li>byte 5 must be 1 (ClientHello) and its 3-byte length at least 45, and the whole
     *       message must be here (9 bytes plus that length);
     *   <li>the client version must have a major of 3 or more and a minor of 1 or more (SSL 3.0 is
     *       refused), the session id at most 32 bytes, the cipher list at least 2 bytes, at least
     *       one compression method, then a 2-byte extension block length, each fitting in the
     *       message.
     * </ul>
     */
    private static long clientHello(Payload p) {
        int n = p.length();
        if (n == 0) {
            return SHORT;
        }
        if (p.at(0) != 22) {
            return ABSENT;
        }
        if (n < 3) {
            return SHORT;
        }
        if (p.at(1) < 3) {
            return ABSENT;
        }
        if (n < 5) {
            return SHORT;
        }
        int record = u16(p, 3);
        if (record < MIN_RECORD) {
            return ABSENT;
        }
        if (n - 5 < record) {
            return SHORT;
        }
        if (p.at(5) != 1) {
            return ABSENT;
        }
        int left = u24(p, 6);
        if (left < MIN_HELLO) {
            return ABSENT;
        }
        if (n - 9 < left) {
            return SHORT;
        }
        int at = 9;
        if (p.at(at) < 3 || p.at(at + 1) < 1) {
            return ABSENT;
        }
        int sessionId = p.at(at + 34);
        if (sessionId > 32 || sessionId > left - 35) {
            return ABSENT;
        }
        at += 35 + sessionId;
        left -= 35 + sessionId;
        if (left < 4) {
            return ABSENT;
        }
        int ciphers = u16(p, at);
        if (ciphers < 2 || ciphers > left) {
            return ABSENT;
        }
        at += 2 + ciphers;
        left -= 2 + ciphers;
        if (left < 2) {
            return ABSENT;
        }
        int methods = p.at(at);
        if (methods < 1 || methods > left) {
            return ABSENT;
        }
        at += 1 + methods;
        left -= 1 + methods;
        if (left < 2) {
            return ABSENT;
        }
        int extensions = u16(p, at);
        if (extensions > left - 2) {
            return ABSENT;
        }
        return (long) (at + 2) << 32 | extensions;
    }

    /**
     * The protocol names of the ALPN extension at {@code at} whose data is {@code length} bytes,
     * from the first on, up to the end of the data or the first name that overruns it.
     */
    private static List<SampleValue> alpnNames(Payload p, int at, int length) {
        if (length < 3) {
            return List.of();
        }
        List<SampleValue> names = new ArrayList<>();
        int end = at + 4 + length;
        // the names start after the 2-byte list length, which is not checked
        int cursor = at + 6;
        while (cursor < end) {
            int name = p.at(cursor);
            if (cursor + 1 + name > end) {
                break;
            }
            names.add(SampleValue.ofString(p.slice(cursor + 1, cursor + 1 + name)));
            cursor += 1 + name;
        }
        return names;
    }

    /** The record content types that make the first byte a TLS record header: 20 to 23, 255. */
    private static boolean recordContentType(int b) {
        return (b >= 0x14 && b <= 0x17) || b == 0xFF;
    }

    private static int u16(Payload p, int at) {
        return p.at(at) << 8 | p.at(at + 1);
    }

    private static int u24(Payload p, int at) {
        return p.at(at) << 16 | p.at(at + 1) << 8 | p.at(at + 2);
    }
}
