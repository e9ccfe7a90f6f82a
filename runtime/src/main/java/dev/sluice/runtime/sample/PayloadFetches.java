package dev.sluice.runtime.sample;

import java.util.List;
import java.util.function.Function;

/**
 * The fetches that read the first bytes of a TCP stream's request ({@link Payload}), with HAProxy
 * 2.6's semantics: {@code req.len}, {@code req.payload}, {@code req.payload_lv}, the TLS
 * ClientHello fetches ({@code req.ssl_sni}, {@code req.ssl_hello_type}, ... of {@link TlsHello}),
 * {@code req.proto_http} and {@code wait_end}. Each says, beside its value, whether more bytes
 * could change it; an ACL that does not match yet then waits for them while the stream's content
 * rules may wait ({@code tcp-request inspect-delay}).
 *
 * <p>In HTTP there is no payload to read: the payload fetches give nothing, as HAProxy's do on
 * its HTTP streams, except {@code req.len}, {@code req.proto_http} and {@code wait_end}, which
 * describe the request whose headers are in.
 */
final class PayloadFetches {

    private PayloadFetches() {
    }

    /**
     * A fetch of a payload; {@code http} gives its value in HTTP (none where null); {@code all},
     * when not null, gives every value an ACL is offered (the first is the sample's).
     */
    private static final class Of extends Fetch {

        private final Function<Payload, PayloadSample> read;
        private final Function<Exchange, SampleValue> http;
        private final Function<Payload, List<SampleValue>> all;

        Of(Function<Payload, PayloadSample> read, Function<Exchange, SampleValue> http,
                Function<Payload, List<SampleValue>> all) {
            this.read = read;
            this.http = http;
            this.all = all;
        }

        @Override
        boolean anyMatch(Exchange x, ValueSink sink) {
            Payload p = x.payload();
            if (all == null || p == null) {
                return super.anyMatch(x, sink);
            }
            for (SampleValue v : all.apply(p)) {
                if (sink.accept(v, x)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        SampleValue fetch(Exchange x) {
            Payload p = x.payload();
            if (p == null) {
                return http == null ? null : http.apply(x);
            }
            return read.apply(p).value();
        }

        @Override
        boolean mayChange(Exchange x) {
            Payload p = x.payload();
            return p != null && read.apply(p).mayChange();
        }
    }

    /** A fetch of the payload that gives nothing in HTTP. */
    static Fetch of(Function<Payload, PayloadSample> read) {
        return new Of(read, null, null);
    }

    /** A fetch of the payload that gives {@code http}'s value in HTTP. */
    static Fetch of(Function<Payload, PayloadSample> read, Function<Exchange, SampleValue> http) {
        return new Of(read, http, null);
    }

    /** A fetch of the payload whose ACLs are offered every value {@code all} gives, in order. */
    static Fetch ofEach(Function<Payload, PayloadSample> read, Function<Payload, List<SampleValue>> all) {
        return new Of(read, null, all);
    }

    /** {@code req.len}: how many bytes are held; always subject to change while more may come. */
    static PayloadSample length(Payload p) {
        return new PayloadSample(SampleValue.ofInt(p.length()), true);
    }

    /** {@code wait_end}: true once no more bytes are awaited, none before. */
    static PayloadSample waitEnd(Payload p) {
        return p.last() ? PayloadSample.of(SampleValue.TRUE) : PayloadSample.SHORT;
    }

    /**
     * {@code req.payload(offset,length)}: {@code length} bytes from {@code offset}, or with a length
     * of 0 every byte from {@code offset} (which more bytes extend while they may come); nothing
     * ever for a block that would not fit in a buffer.
     */
    static Function<Payload, PayloadSample> block(long offset, long length) {
        return p -> {
            if (offset < 0 || length < 0 || length > Payload.BUFFER_SIZE || offset + length > Payload.BUFFER_SIZE) {
                return PayloadSample.NONE;
            }
            if (offset + length > p.length()) {
                return PayloadSample.SHORT;
            }
            int from = (int) offset;
            int to = length == 0 ? p.length() : (int) (offset + length);
            return new PayloadSample(SampleValue.ofBinary(p.slice(from, to)), length == 0 && !p.last());
        };
    }

    /**
     * {@code req.payload_lv(offset,size[,block])}: a block whose length is the big-endian integer of
     * {@code size} bytes at {@code offset}, starting after that integer, or at {@code block}
     * ({@code +N} or {@code -N}: relative to the end of the integer). A zero length, or a block
     * that would not fit in a buffer, never matches.
     */
    static Function<Payload, PayloadSample> lengthValue(long offset, long size, String block) {
        boolean relative = block != null && (block.startsWith("+") || block.startsWith("-"));
        long at = block == null || block.isEmpty() ? 0 : Long.parseLong(block.startsWith("+") ? block.substring(1) : block);
        return p -> {
            if (offset < 0 || size < 0 || offset + size > p.length()) {
                return PayloadSample.SHORT;
            }
            long n = 0;
            for (int i = 0; i < size; i++) {
                n = (n << 8) + p.at((int) offset + i);
            }
            long start = block == null || block.isEmpty() ? offset + size : relative ? offset + size + at : at;
            if (n == 0 || n > Payload.BUFFER_SIZE || start < 0 || start + n > Payload.BUFFER_SIZE) {
                return PayloadSample.NONE;
            }
            if (start + n > p.length()) {
                return PayloadSample.SHORT;
            }
            return PayloadSample.of(SampleValue.ofBinary(p.slice((int) start, (int) (start + n))));
        };
    }

    /**
     * {@code req.proto_http}: true when the bytes start with a whole HTTP/1 request head (a request
     * line, then header lines up to an empty one; or an HTTP/0.9 {@code GET}); nothing when they
     * cannot be one, or when the buffer is full before its end.
     */
    static PayloadSample http(Payload p) {
        int n = p.length();
        // the request line, checked as far as it has arrived: method SP target SP HTTP/d.d
        int i = 0;
        int field = 0;
        int fieldStart = 0;
        String version = "HTTP/d.d";
        for (; i < n; i++) {
            int c = p.at(i);
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == ' ') {
                if (i == fieldStart || field == 2) {
                    return PayloadSample.NONE;
                }
                field++;
                fieldStart = i + 1;
            } else if (field == 0 ? !token(c) : field == 1 ? c < ' ' || c == 0x7F
                    : i - fieldStart >= version.length() || !versionChar(version.charAt(i - fieldStart), c)) {
                return PayloadSample.NONE;
            }
        }
        if (i == n) {
            return shortUnlessFull(p);
        }
        boolean http09 = field == 1 && i > fieldStart && p.slice(0, 4).equals("GET ");
        if (!http09 && (field != 2 || i - fieldStart != version.length())) {
            return PayloadSample.NONE;
        }
        int next = afterLineEnd(p, i);
        if (next < 0) {
            return shortUnlessFull(p);
        }
        if (http09) {
            return PayloadSample.of(SampleValue.TRUE);
        }
        // header lines, each NAME: VALUE, up to an empty line
        while (true) {
            int end = next;
            while (end < n && p.at(end) != '\r' && p.at(end) != '\n') {
                end++;
            }
            if (end == n) {
                return shortUnlessFull(p);
            }
            if (end == next) {
                return afterLineEnd(p, end) < 0 ? shortUnlessFull(p) : PayloadSample.of(SampleValue.TRUE);
            }
            int colon = next;
            while (colon < end && token(p.at(colon))) {
                colon++;
            }
            if (colon == next || colon == end || p.at(colon) != ':') {
                return PayloadSample.NONE;
            }
            next = afterLineEnd(p, end);
            if (next < 0) {
                return shortUnlessFull(p);
            }
        }
    }

    /** Where the line ending at {@code i} (a CR LF or a LF) is followed; -1 before its LF arrived. */
    private static int afterLineEnd(Payload p, int i) {
        if (p.at(i) == '\n') {
            return i + 1;
        }
        if (i + 1 >= p.length()) {
            return -1;
        }
        return p.at(i + 1) == '\n' ? i + 2 : -1;
    }

    private static boolean versionChar(char expected, int c) {
        return expected == 'd' ? c >= '0' && c <= '9' : c == expected;
    }

    private static boolean token(int c) {
        return c > ' ' && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static PayloadSample shortUnlessFull(Payload p) {
        return p.full() ? PayloadSample.NONE : PayloadSample.SHORT;
    }
}
