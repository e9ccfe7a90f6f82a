package dev.sluice.runtime.balance;

/**
 * The hash functions of {@code hash-type}, applied to bytes. Characters are hashed as their low
 * eight bits (ISO-8859-1), which is how HTTP/1 presents header and URI bytes.
 *
 * <p>{@code wt6} is not implemented: a backend that asks for it uses {@code sdbm} and its balancer
 * reports a warning.
 */
public enum HashFunction {
    /** The sdbm database library's string hash: {@code h = c + (h << 6) + (h << 16) - h}. HAProxy's default. */
    SDBM("sdbm") {
        @Override
        int update(int h, int b) {
            return b + (h << 6) + (h << 16) - h;
        }
    },
    /** Dan Bernstein's string hash: {@code h = h * 33 + c}, starting from 5381. */
    DJB2("djb2") {
        @Override
        int initial() {
            return 5381;
        }

        @Override
        int update(int h, int b) {
            return (h << 5) + h + b;
        }
    },
    /** The CRC-32 of Ethernet, gzip and PNG (reflected polynomial 0xEDB88320). */
    CRC32("crc32") {
        @Override
        int initial() {
            return ~0;
        }

        @Override
        int update(int h, int b) {
            h ^= b;
            for (int bit = 0; bit < 8; bit++) {
                h = (h >>> 1) ^ (-(h & 1) & 0xEDB88320);
            }
            return h;
        }

        @Override
        int finish(int h) {
            return ~h;
        }
    };

    private final String id;

    HashFunction(String id) {
        this.id = id;
    }

    /** The name written after {@code hash-type map-based} or {@code consistent}. */
    public String id() {
        return id;
    }

    /** The function named {@code id}, or null. */
    public static HashFunction of(String id) {
        for (HashFunction f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }

    int initial() {
        return 0;
    }

    /** Adds byte {@code b} (0..255) to the running hash {@code h}. */
    abstract int update(int h, int b);

    int finish(int h) {
        return h;
    }

    /** The hash of the characters {@code [from, to)} of {@code s}, each taken as one byte. */
    public int hash(CharSequence s, int from, int to) {
        int h = initial();
        for (int i = from; i < to; i++) {
            h = update(h, s.charAt(i) & 0xFF);
        }
        return finish(h);
    }

    /** The hash of {@code bytes}. */
    public int hash(byte[] bytes) {
        int h = initial();
        for (byte b : bytes) {
            h = update(h, b & 0xFF);
        }
        return finish(h);
    }

    /**
     * The {@code avalanche} modifier: Bob Jenkins' 32-bit integer mix (public domain), then a
     * multiplication by 3221225473 that spreads values over the whole ring, as HAProxy does. It is
     * a bijection of the 32-bit integers. The consistent-hash ring places its points with it too.
     */
    public static int avalanche(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * (int) 3221225473L;
    }
}
