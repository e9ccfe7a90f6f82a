package dev.sluice.runtime.sample;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The first bytes of a TCP stream's request, held by the proxy while its {@code tcp-request
 * content} rules inspect them ({@code tcp-request inspect-delay}): what payload fetches such as
 * {@code req.len}, {@code req.payload} and {@code req.ssl_sni} read. Written by its connection's
 * event loop only, as bytes arrive; {@link #last()} becomes true when no more will be waited for
 * (the delay ran out, the client ended its side, the buffer is full, or there is no delay).
 */
public final class Payload {

    /** HAProxy's default buffer size ({@code tune.bufsize}). */
    public static final int BUFFER_SIZE = 16 * 1024;

    /**
     * How many bytes are held at most before the rules must decide with what they have: the
     * buffer less the room HAProxy keeps for rewrites ({@code tune.maxrewrite}, 1 KiB).
     */
    public static final int CAPACITY = BUFFER_SIZE - 1024;

    private static final byte[] NONE = new byte[0];

    private byte[] bytes;
    private int length;
    private boolean last;

    /** An empty payload that more bytes may follow. */
    public Payload() {
        this.bytes = NONE;
    }

    /** A payload of {@code bytes}, and whether more may follow (for tests and fixed inputs). */
    public static Payload of(byte[] bytes, boolean last) {
        Payload p = new Payload();
        p.append(bytes, 0, bytes.length);
        p.last = last;
        return p;
    }

    /** Adds {@code n} bytes of {@code src} from {@code from}. */
    public void append(byte[] src, int from, int n) {
        System.arraycopy(src, from, room(n), length, n);
        length += n;
    }

    /** Adds the bytes {@code src} has left, which it is then emptied of. */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        src.get(room(n), length, n);
        length += n;
    }

    /** The array, grown to take {@code n} more bytes. */
    private byte[] room(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, Math.min(2 * bytes.length + 256, CAPACITY)));
        }
        return bytes;
    }

    /** Lets go of the bytes (handed on by {@link #array()}): the payload is empty again. */
    public void clear() {
        bytes = NONE;
        length = 0;
    }

    /** Whether more bytes will be waited for ({@code false}) or the rules decide with what is here. */
    public void last(boolean last) {
        this.last = last;
    }

    /** True when no more bytes will be waited for. */
    public boolean last() {
        return last;
    }

    /** True when the payload holds as much as it may. */
    public boolean full() {
        return length >= CAPACITY;
    }

    /** How many bytes are held. */
    public int length() {
        return length;
    }

    /** The byte at {@code i}, 0 to 255. */
    public int at(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i + " of " + length);
        }
        return bytes[i] & 0xFF;
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), as a byte string. */
    public String slice(int from, int to) {
        return Bytes.latin1(Arrays.copyOfRange(bytes, from, to));
    }

    /** The array behind the payload, its first {@link #length()} bytes held (not a copy). */
    public byte[] array() {
        return bytes;
    }
}
