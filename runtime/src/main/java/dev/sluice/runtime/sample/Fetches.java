package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.TypedArg;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sample fetches the runtime supports, with HAProxy 2.6's semantics. {@link #compile} turns a
 * fetch name and its arguments into a {@link Fetch}; an unknown name is an
 * {@link IllegalArgumentException} naming it.
 */
public final class Fetches {

    private Fetches() {}

    private interface Factory {
        Fetch create(Args args);
    }

    private enum Side { REQUEST, RESPONSE, CURRENT }

    private static final Map<String, Factory> FETCHES = Map.ofEntries(
            // constants and internal states
            Map.entry("always_true", a -> Fetch.constant(SampleValue.TRUE)),
            Map.entry("always_false", a -> Fetch.constant(SampleValue.FALSE)),
            Map.entry("int", a -> Fetch.constant(SampleValue.ofInt(a.integer(0)))),
            Map.entry("str", a -> Fetch.constant(SampleValue.ofString(a.string(0, "")))),
            Map.entry("bool", Fetches::boolConstant),
            Map.entry("ipv4", a -> Fetch.constant(address(a.string(0, ""), true))),
            Map.entry("ipv6", a -> Fetch.constant(address(a.string(0, ""), false))),
            Map.entry("meth", a -> Fetch.constant(SampleValue.ofMethod(a.string(0, "")))),
            Map.entry("bin", a -> Fetch.constant(SampleValue.ofBinary(Hex.decode(a.string(0, ""))))),
            Map.entry("var", Fetches::variable),
            Map.entry("wait_end", a -> PayloadFetches.of(PayloadFetches::waitEnd, x -> SampleValue.TRUE)),
            // layer 4 and 5
            Map.entry("src", a -> Fetch.of(x -> ip(x.clientAddress()))),
            Map.entry("src_port", a -> Fetch.of(x -> port(x.clientAddress()))),
            Map.entry("dst", a -> Fetch.of(x -> ip(x.localAddress()))),
            Map.entry("dst_port", a -> Fetch.of(x -> port(x.localAddress()))),
            Map.entry("ssl_fc", a -> Fetch.of(x -> SampleValue.ofBool(x.tls()))),
            Map.entry("ssl_fc_sni", a -> Fetch.of(Fetches::sni)),
            // layer 6: the first bytes of a TCP stream's request
            Map.entry("req.len", a -> PayloadFetches.of(PayloadFetches::length, Fetches::requestLength)),
            Map.entry("req_len", a -> PayloadFetches.of(PayloadFetches::length, Fetches::requestLength)),
            Map.entry("req.payload", a -> PayloadFetches.of(PayloadFetches.block(a.integer(0), a.integer(1)))),
            Map.entry("payload", a -> PayloadFetches.of(PayloadFetches.block(a.integer(0), a.integer(1)))),
            Map.entry("req.payload_lv", Fetches::lengthValue),
            Map.entry("payload_lv", Fetches::lengthValue),
            Map.entry("req.proto_http", Fetches::protoHttp),
            Map.entry("req_proto_http", Fetches::protoHttp),
            Map.entry("req.ssl_hello_type", a -> PayloadFetches.of(TlsHello::helloType)),
            Map.entry("req_ssl_hello_type", a -> PayloadFetches.of(TlsHello::helloType)),
            Map.entry("req.ssl_ver", a -> PayloadFetches.of(TlsHello::version)),
            Map.entry("req_ssl_ver", a -> PayloadFetches.of(TlsHello::version)),
            Map.entry("req.ssl_sni", a -> PayloadFetches.of(TlsHello::serverName)),
            Map.entry("req_ssl_sni", a -> PayloadFetches.of(TlsHello::serverName)),
            Map.entry("req.ssl_alpn", a -> PayloadFetches.ofEach(TlsHello::alpn, TlsHello::alpnProtocols)),
            Map.entry("req.ssl_st_ext", a -> PayloadFetches.of(TlsHello::sessionTicketExtension)),
            Map.entry("req.ssl_ec_ext", a -> PayloadFetches.of(TlsHello::ellipticCurvesExtension)),
            // layer 7: the request line
            Map.entry("method", a -> http(x -> SampleValue.ofMethod(x.method()))),
            Map.entry("url", a -> http(x -> SampleValue.ofString(x.target()))),
            Map.entry("path", a -> http(x -> string(Http.path(x.target())))),
            Map.entry("pathq", a -> http(Fetches::pathq)),
            Map.entry("base", a -> http(Fetches::base)),
            Map.entry("query", Fetches::query),
            Map.entry("req.ver", a -> http(x -> SampleValue.ofString(version(x.version())))),
            Map.entry("req_ver", a -> http(x -> SampleValue.ofString(version(x.version())))),
            Map.entry("url_param", a -> new UrlParam(a.string(0, ""), a.string(1, ""), false)),
            Map.entry("urlp", a -> new UrlParam(a.string(0, ""), a.string(1, ""), false)),
            Map.entry("urlp_val", a -> new UrlParam(a.string(0, ""), a.string(1, ""), true)),
            // layer 7: headers
            Map.entry("hdr", a -> header(a, Side.CURRENT, true, HeaderOutput.STRING)),
            Map.entry("req.hdr", a -> header(a, Side.REQUEST, true, HeaderOutput.STRING)),
            Map.entry("res.hdr", a -> header(a, Side.RESPONSE, true, HeaderOutput.STRING)),
            Map.entry("shdr", a -> header(a, Side.RESPONSE, true, HeaderOutput.STRING)),
            Map.entry("req.fhdr", a -> header(a, Side.REQUEST, false, HeaderOutput.STRING)),
            Map.entry("res.fhdr", a -> header(a, Side.RESPONSE, false, HeaderOutput.STRING)),
            Map.entry("hdr_ip", a -> header(a, Side.REQUEST, true, HeaderOutput.IP)),
            Map.entry("req.hdr_ip", a -> header(a, Side.REQUEST, true, HeaderOutput.IP)),
            Map.entry("res.hdr_ip", a -> header(a, Side.RESPONSE, true, HeaderOutput.IP)),
            Map.entry("shdr_ip", a -> header(a, Side.RESPONSE, true, HeaderOutput.IP)),
            Map.entry("hdr_val", a -> header(a, Side.REQUEST, true, HeaderOutput.INT)),
            Map.entry("req.hdr_val", a -> header(a, Side.REQUEST, true, HeaderOutput.INT)),
            Map.entry("res.hdr_val", a -> header(a, Side.RESPONSE, true, HeaderOutput.INT)),
            Map.entry("shdr_val", a -> header(a, Side.RESPONSE, true, HeaderOutput.INT)),
            Map.entry("hdr_cnt", a -> headerCount(a, Side.REQUEST, true)),
            Map.entry("req.hdr_cnt", a -> headerCount(a, Side.REQUEST, true)),
            Map.entry("res.hdr_cnt", a -> headerCount(a, Side.RESPONSE, true)),
            Map.entry("shdr_cnt", a -> headerCount(a, Side.RESPONSE, true)),
            Map.entry("req.fhdr_cnt", a -> headerCount(a, Side.REQUEST, false)),
            Map.entry("res.fhdr_cnt", a -> headerCount(a, Side.RESPONSE, false)),
            // layer 7: cookies
            Map.entry("cook", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.STRING)),
            Map.entry("req.cook", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.STRING)),
            Map.entry("res.cook", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.STRING)),
            Map.entry("scook", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.STRING)),
            Map.entry("cook_val", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.INT)),
            Map.entry("req.cook_val", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.INT)),
            Map.entry("res.cook_val", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.INT)),
            Map.entry("scook_val", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.INT)),
            Map.entry("cook_cnt", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.COUNT)),
            Map.entry("req.cook_cnt", a -> new Cookie(a.string(0, ""), Side.REQUEST, CookieOutput.COUNT)),
            Map.entry("res.cook_cnt", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.COUNT)),
            Map.entry("scook_cnt", a -> new Cookie(a.string(0, ""), Side.RESPONSE, CookieOutput.COUNT)),
            // layer 7: the response
            Map.entry("status", a -> Fetch.of(x -> x.status() > 0 ? SampleValue.ofInt(x.status()) : null)),
            Map.entry("res.ver", a -> Fetch.of(x -> x.responseVersion() == null ? null
                    : SampleValue.ofString(version(x.responseVersion())))),
            Map.entry("resp_ver", a -> Fetch.of(x -> x.responseVersion() == null ? null
                    : SampleValue.ofString(version(x.responseVersion())))));

    /** The names of the supported fetches, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(FETCHES.keySet());
    }

    /** True when the runtime supports the fetch {@code name}. */
    public static boolean supports(String name) {
        return FETCHES.containsKey(name);
    }

    /**
     * Compiles a fetch.
     *
     * @throws IllegalArgumentException when the fetch is unknown, not supported by the runtime, or
     *     its arguments are not valid
     */
    static Fetch compile(String name, List<TypedArg> args) {
        Factory f = FETCHES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("sample fetch '" + name + "' is not supported by the runtime");
        }
        return f.create(new Args(name, args));
    }

    // ---- helpers

    /** A fetch's arguments, read as HAProxy types them. */
    static final class Args {

        private final String keyword;
        private final List<TypedArg> args;

        Args(String keyword, List<TypedArg> args) {
            this.keyword = keyword;
            this.args = args;
        }

        int size() {
            return args.size();
        }

        String string(int i, String absent) {
            return i < args.size() ? args.get(i).text() : absent;
        }

        long integer(int i) {
            if (i >= args.size()) {
                throw error("argument " + (i + 1) + " is missing");
            }
            return integer(i, 0);
        }

        long integer(int i, long absent) {
            if (i >= args.size()) {
                return absent;
            }
            TypedArg a = args.get(i);
            if (a instanceof TypedArg.Int n) {
                return n.value();
            }
            String s = a.text().strip();
            if (s.isEmpty()) {
                return absent;
            }
            if (!Numbers.isInt64(s)) {
                throw error("argument " + (i + 1) + " is not an integer: '" + a.text() + "'");
            }
            return Numbers.readInt64(s, 0, s.length());
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("'" + keyword + "': " + message);
        }
    }

    private static Fetch http(Function<Exchange, SampleValue> f) {
        return Fetch.of(x -> x.method() == null ? null : f.apply(x));
    }

    private static SampleValue string(String s) {
        return s == null ? null : SampleValue.ofString(s);
    }

    private static Fetch boolConstant(Args a) {
        String s = a.string(0, "");
        switch (s) {
            case "1":
            case "true":
                return Fetch.constant(SampleValue.TRUE);
            case "0":
            case "false":
                return Fetch.constant(SampleValue.FALSE);
            default:
                throw a.error("expects 'true', 'false', '1' or '0', not '" + s + "'");
        }
    }

    private static SampleValue address(String s, boolean v4) {
        byte[] b = v4 ? Addresses.parseV4Pattern(s) : Addresses.parseV6(s);
        if (b == null) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv" + (v4 ? "4" : "6") + " address");
        }
        return SampleValue.ofAddressNoCopy(b);
    }

    private static Fetch variable(Args a) {
        String name = a.string(0, "");
        if (!Variables.isValidName(name)) {
            throw a.error("'" + name + "' is not a variable name (proc., sess., txn., req. or res. and a name)");
        }
        SampleValue fallback = a.size() > 1 ? SampleValue.ofString(a.string(1, "")) : null;
        return Fetch.of(x -> {
            SampleValue v = x.variables().get(name);
            return v != null ? v : fallback;
        });
    }

    private static SampleValue ip(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress ip = a.getAddress();
        return ip == null ? null : SampleValue.ofAddressNoCopy(ip.getAddress());
    }

    private static SampleValue port(InetSocketAddress a) {
        return a == null ? null : SampleValue.ofInt(a.getPort());
    }

    /** {@code req.proto_http}: a TCP stream's first bytes are an HTTP request; in HTTP, always. */
    private static Fetch protoHttp(Args a) {
        return PayloadFetches.of(PayloadFetches::http, x -> SampleValue.ofBool(x.method() != null));
    }

    private static Fetch lengthValue(Args a) {
        String block = a.string(2, "").strip();
        if (!block.isEmpty() && !Numbers.isInt64(block.startsWith("+") ? block.substring(1) : block)) {
            throw a.error("argument 3 is not an offset (N, +N or -N): '" + block + "'");
        }
        return PayloadFetches.of(PayloadFetches.lengthValue(a.integer(0), a.integer(1), block));
    }

    private static SampleValue sni(Exchange x) {
        return x.tls() && x.sni() != null ? SampleValue.ofString(x.sni()) : null;
    }

    private static String version(String v) {
        return v.startsWith("HTTP/") ? v.substring(5) : v;
    }

    private static SampleValue pathq(Exchange x) {
        int start = Http.pathStart(x.target());
        return start < 0 ? null : SampleValue.ofString(x.target().substring(start));
    }

    private static SampleValue base(Exchange x) {
        String host = Http.first(x.requestHeaders(), "host");
        String path = Http.path(x.target());
        if (host == null || host.isEmpty()) {
            return string(path);
        }
        return SampleValue.ofString(path != null && !path.isEmpty() ? host + path : host);
    }

    private static Fetch query(Args a) {
        boolean withMark = a.string(0, "").equals("with_qm");
        return http(x -> {
            int q = x.target().indexOf('?');
            return q < 0 ? null : SampleValue.ofString(x.target().substring(withMark ? q : q + 1));
        });
    }

    /** The request's size as received, for {@code req.len}: the request line and headers. */
    /** The length of the request's head as received; none outside HTTP. */
    private static SampleValue requestLength(Exchange x) {
        if (x.method() == null) {
            return null;
        }
        long n = x.method().length() + 1 + x.target().length() + 1 + (x.version() == null ? 0 : x.version().length())
                + 2;
        for (Header h : x.requestHeaders()) {
            n += h.name().length() + 2 + h.value().length() + 2;
        }
        return SampleValue.ofInt(n + 2);
    }

    private static List<Header> headers(Exchange x, Side side) {
        boolean response = side == Side.RESPONSE || (side == Side.CURRENT && x.inResponse());
        return response ? x.responseHeaders() : x.requestHeaders();
    }

    private static boolean available(Exchange x, Side side) {
        boolean response = side == Side.RESPONSE || (side == Side.CURRENT && x.inResponse());
        return response ? x.status() > 0 : x.method() != null;
    }

    // ---- headers

    private enum HeaderOutput { STRING, IP, INT }

    private static Fetch header(Args a, Side side, boolean split, HeaderOutput output) {
        String name = a.string(0, "");
        int occ = (int) a.integer(1, 0);
        return new HeaderFetch(name, occ, side, split, output);
    }

    /**
     * {@code hdr}, {@code fhdr}, {@code hdr_ip}, {@code hdr_val}: the last value in a sample (or the
     * occurrence asked for), every value in an ACL unless an occurrence is asked for.
     */
    private static final class HeaderFetch extends Fetch {

        private final String name;
        private final int occ;
        private final Side side;
        private final boolean split;
        private final HeaderOutput output;

        HeaderFetch(String name, int occ, Side side, boolean split, HeaderOutput output) {
            this.name = name;
            this.occ = occ;
            this.side = side;
            this.split = split;
            this.output = output;
        }

        @Override
        SampleValue fetch(Exchange x) {
            if (!available(x, side)) {
                return null;
            }
            String v = Http.occurrence(headers(x, side), name, split, occ == 0 ? -1 : occ);
            return v == null ? null : typed(v);
        }

        @Override
        boolean anyMatch(Exchange x, ValueSink sink) {
            if (occ != 0) {
                return super.anyMatch(x, sink);
            }
            if (!available(x, side)) {
                return false;
            }
            if (output == HeaderOutput.STRING) {
                return Http.anyValue(headers(x, side), name, split, x, sink);
            }
            return Http.anyValue(headers(x, side), name, split, x, (v, ex) -> {
                SampleValue t = typed(v.stringValue());
                return t != null && sink.accept(t, ex);
            });
        }

        private SampleValue typed(String v) {
            switch (output) {
                case IP:
                    return headerAddress(v);
                case INT:
                    return SampleValue.ofInt(Numbers.lenientInt32(v));
                default:
                    return SampleValue.ofString(v);
            }
        }
    }

    /**
     * A header value as an address, as {@code hdr_ip} reads it: an IPv4 address, optionally
     * followed by {@code :} and a port (0 to 65535), or an IPv6 address; null otherwise.
     */
    static SampleValue headerAddress(String v) {
        byte[] v4 = new byte[4];
        int len = Addresses.parseV4Prefix(v, v4);
        if (len > 0) {
            if (len == v.length()) {
                return SampleValue.ofAddressNoCopy(v4);
            }
            if (v.charAt(len) == ':' && isPort(v, len + 1)) {
                return SampleValue.ofAddressNoCopy(v4);
            }
        }
        byte[] v6 = Addresses.parseV6(v);
        return v6 == null ? null : SampleValue.ofAddressNoCopy(v6);
    }

    private static boolean isPort(String v, int from) {
        int n = v.length() - from;
        if (n < 1 || n > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    private static Fetch headerCount(Args a, Side side, boolean split) {
        String name = a.string(0, "");
        return Fetch.of(x -> available(x, side) ? SampleValue.ofInt(Http.count(headers(x, side), name, split)) : null);
    }

    // ---- cookies

    private enum CookieOutput { STRING, INT, COUNT }

    /**
     * {@code cook}, {@code cook_val}, {@code cook_cnt} and their response forms: in a sample, the
     * last cookie of that name (the first cookie when no name is given); in an ACL, every one.
     */
    private static final class Cookie extends Fetch {

        private final String name;
        private final Side side;
        private final CookieOutput output;
        private final String header;

        Cookie(String name, Side side, CookieOutput output) {
            this.name = name;
            this.side = side;
            this.output = output;
            this.header = side == Side.REQUEST ? "cookie" : "set-cookie";
        }

        @Override
        SampleValue fetch(Exchange x) {
            if (!available(x, side)) {
                return null;
            }
            boolean list = side == Side.REQUEST;
            int[] bounds = new int[2];
            String found = null;
            int count = 0;
            for (Header h : headers(x, side)) {
                if (!h.name().equalsIgnoreCase(header)) {
                    continue;
                }
                String v = h.value();
                if (v.length() < name.length() + 1) {
                    continue;
                }
                int pos = 0;
                while ((pos = Http.nextCookie(v, pos, v.length(), name, list, bounds)) >= 0) {
                    count++;
                    found = v.substring(bounds[0], bounds[1]);
                    if (output != CookieOutput.COUNT && name.isEmpty()) {
                        return typed(found);
                    }
                }
            }
            if (output == CookieOutput.COUNT) {
                return SampleValue.ofInt(count);
            }
            return found == null ? null : typed(found);
        }

        @Override
        boolean anyMatch(Exchange x, ValueSink sink) {
            if (output == CookieOutput.COUNT) {
                return super.anyMatch(x, sink);
            }
            if (!available(x, side)) {
                return false;
            }
            boolean list = side == Side.REQUEST;
            int[] bounds = new int[2];
            for (Header h : headers(x, side)) {
                if (!h.name().equalsIgnoreCase(header)) {
                    continue;
                }
                String v = h.value();
                if (v.length() < name.length() + 1) {
                    continue;
                }
                int pos = 0;
                while ((pos = Http.nextCookie(v, pos, v.length(), name, list, bounds)) >= 0) {
                    if (sink.accept(typed(v.substring(bounds[0], bounds[1])), x)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private SampleValue typed(String v) {
            return output == CookieOutput.INT ? SampleValue.ofInt(Numbers.lenientInt32(v)) : SampleValue.ofString(v);
        }
    }

    // ---- URL parameters

    /**
     * {@code url_param(name[,delim])}: the parameters start after the first {@code ?} (or
     * {@code delim}) of the target; the first one in a sample, every one in an ACL.
     */
    private static final class UrlParam extends Fetch {

        private final String name;
        private final char delim;
        private final boolean integer;

        UrlParam(String name, String delim, boolean integer) {
            this.name = name;
            this.delim = delim.isEmpty() ? '?' : delim.charAt(0);
            this.integer = integer;
        }

        @Override
        SampleValue fetch(Exchange x) {
            if (x.method() == null) {
                return null;
            }
            String t = x.target();
            int start = t.indexOf(delim);
            if (start < 0) {
                return null;
            }
            int[] bounds = new int[2];
            if (Http.nextParam(t, start + 1, t.length(), name, delim, bounds) < 0) {
                return null;
            }
            return typed(t.substring(bounds[0], bounds[1]));
        }

        @Override
        boolean anyMatch(Exchange x, ValueSink sink) {
            if (x.method() == null) {
                return false;
            }
            String t = x.target();
            int pos = t.indexOf(delim);
            if (pos < 0) {
                return false;
            }
            pos++;
            int[] bounds = new int[2];
            while ((pos = Http.nextParam(t, pos, t.length(), name, delim, bounds)) >= 0) {
                if (sink.accept(typed(t.substring(bounds[0], bounds[1])), x)) {
                    return true;
                }
            }
            return false;
        }

        private SampleValue typed(String v) {
            return integer ? SampleValue.ofInt(Numbers.lenientInt32(v)) : SampleValue.ofString(v);
        }
    }
}
