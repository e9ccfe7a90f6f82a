package dev.sluice.runtime.stick;

import dev.sluice.runtime.sample.Addresses;

/** The type of a stick table's keys ({@code stick-table type ...}). */
public enum KeyType {
    IP("ip"),
    IPV6("ipv6"),
    INTEGER("integer"),
    STRING("string"),
    BINARY("binary");

    /** The key length of {@code string} and {@code binary} tables without {@code len}. */
    public static final int DEFAULT_LENGTH = 32;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String keyword;

    KeyType(String keyword) {
        this.keyword = keyword;
    }

    /** The type as a configuration names it, e.g. {@code ip}. */
    public String keyword() {
        return keyword;
    }

    /** The type named {@code keyword}. */
    public static KeyType of(String keyword) {
        for (KeyType t : values()) {
            if (t.keyword.equals(keyword)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown stick-table type '" + keyword + "'");
    }

    /** The key as {@code show table} prints it. */
    public String format(TableKey key) {
        byte[] b = key.bytes();
        switch (this) {
            case IP:
                return Addresses.formatV4(b);
            case IPV6:
                return Addresses.formatV6(b);
            case INTEGER:
                return Long.toString(key.integer());
            case STRING:
                return escape(b);
            default:
                StringBuilder hex = new StringBuilder(b.length * 2);
                for (byte x : b) {
                    hex.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
                }
                return hex.toString();
        }
    }

    /**
     * The key a runtime command names ({@code show table T key K}), or null when {@code text} is
     * not a key of this type: IPv4 and IPv6 literals (never a host name), integers from 0 to
     * 4294967295, strings cut to {@code length}. Binary keys cannot be named, as in HAProxy.
     */
    public TableKey parse(String text, int length) {
        switch (this) {
            case IP: {
                byte[] v4 = Addresses.parseV4Strict(text);
                return v4 == null ? null : TableKey.ofAddress(v4);
            }
            case IPV6: {
                byte[] v6 = Addresses.parseV6(text);
                return v6 == null ? null : TableKey.ofAddress(v6);
            }
            case INTEGER: {
                if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                long v = Long.parseLong(text);
                return v > 0xFFFF_FFFFL ? null : TableKey.ofInteger(v);
            }
            case STRING:
                return TableKey.ofString(text, length);
            default:
                return null;
        }
    }

    /**
     * HAProxy's {@code dump_text}: printable ASCII as is, {@code \t \n \r \e \\ \  \=} escaped,
     * other bytes {@code \xHH}.
     */
    private static String escape(byte[] b) {
        StringBuilder out = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == 0) {
                break;
            }
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case 0x1b -> out.append("\\e");
                case '\\', ' ', '=' -> out.append('\\').append((char) c);
                default -> {
                    if (c > 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return out.toString();
    }
}
