package dev.sluice.runtime.sample;

/**
 * IPv4 and IPv6 addresses as HAProxy reads and prints them, without ever resolving a name.
 * Addresses are byte arrays in network order: 4 bytes for IPv4, 16 for IPv6.
 */
public final class Addresses {

    private Addresses() {}

    /**
     * An IPv4 pattern as ACLs and maps read it: one to four parts, each decimal, octal (leading
     * {@code 0}) or hexadecimal ({@code 0x}), the last one filling the remaining bytes, so that
     * {@code 127.1} is {@code 127.0.0.1} (the abbreviated form HAProxy's manual describes).
     *
     * @return the address, or null when {@code s} is not such an address (a host name, say)
     */
    static byte[] parseV4Pattern(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v = parseAtonPart(parts[i]);
            if (v < 0) {
                return null;
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int lastBits = 8 * (5 - parts.length);
        if (lastBits < 64 && last >= (1L << lastBits)) {
            return null;
        }
        address |= last;
        return fromInt((int) address);
    }

    private static long parseAtonPart(String p) {
        if (p.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = p;
        if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            digits = p.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (p.length() > 1 && p.charAt(0) == '0') {
            radix = 8;
            digits = p.substring(1);
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0 || digits.charAt(i) > 127) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFL) {
                return -1;
            }
        }
        return v;
    }

    /**
     * The IPv4 address at the start of {@code s}: four decimal octets (leading zeros allowed, each
     * at most 255), reading stopping at the first character that is neither a digit nor a dot.
     * This is how HAProxy converts a string sample to an address, so {@code 10.0.0.1:80} reads as
     * {@code 10.0.0.1}.
     *
     * @return the number of characters read, 0 when there is no such address
     */
    static int parseV4Prefix(String s, byte[] out) {
        int octets = 0;
        boolean sawDigit = false;
        int[] tmp = new int[4];
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (!sawDigit) {
                    if (++octets > 4) {
                        return 0;
                    }
                    sawDigit = true;
                }
                int v = tmp[octets - 1] * 10 + (c - '0');
                if (v > 255) {
                    return 0;
                }
                tmp[octets - 1] = v;
            } else if (c == '.') {
                if (!sawDigit || octets == 4) {
                    return 0;
                }
                sawDigit = false;
            } else {
                break;
            }
        }
        if (octets < 4) {
            return 0;
        }
        for (int k = 0; k < 4; k++) {
            out[k] = (byte) tmp[k];
        }
        return i;
    }

    /** A strict dotted-quad IPv4 address (no leading zeros), as {@code inet_pton} reads it; null otherwise. */
    public static byte[] parseV4Strict(String s) {
        byte[] out = new byte[4];
        int octet = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                if (value > 255 || ++digits > 3) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || octet > 3) {
                    return null;
                }
                out[octet++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? out : null;
    }

    /** An IPv6 address as {@code inet_pton} reads it (an IPv4 tail allowed); null otherwise. */
    public static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        if (n < 2) {
            return null;
        }
        int pos = 0;
        int word = 0;
        int doubleColon = -1;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return null;
            }
            pos = 1;
        }
        int groupStart = pos;
        boolean sawDigits = false;
        int value = 0;
        int digits = 0;
        while (pos < n) {
            char c = s.charAt(pos++);
            int d = Character.digit(c, 16);
            if (d >= 0 && c < 128) {
                if (++digits > 4) {
                    return null;
                }
                value = (value << 4) | d;
                sawDigits = true;
                continue;
            }
            if (c == ':') {
                groupStart = pos;
                if (!sawDigits) {
                    if (doubleColon >= 0) {
                        return null;
                    }
                    doubleColon = word;
                    continue;
                }
                if (pos == n || word >= 8) {
                    return null;
                }
                out[2 * word] = (byte) (value >> 8);
                out[2 * word + 1] = (byte) value;
                word++;
                sawDigits = false;
                value = 0;
                digits = 0;
                continue;
            }
            if (c == '.' && word <= 6) {
                byte[] v4 = parseV4Strict(s.substring(groupStart));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, 2 * word, 4);
                word += 2;
                sawDigits = false;
                break;
            }
            return null;
        }
        if (sawDigits) {
            if (word >= 8) {
                return null;
            }
            out[2 * word] = (byte) (value >> 8);
            out[2 * word + 1] = (byte) value;
            word++;
        }
        if (doubleColon >= 0) {
            if (word == 8) {
                return null;
            }
            int tail = word - doubleColon;
            System.arraycopy(out, 2 * doubleColon, out, 16 - 2 * tail, 2 * tail);
            for (int i = 2 * doubleColon; i < 16 - 2 * tail; i++) {
                out[i] = 0;
            }
            word = 8;
        }
        return word == 8 ? out : null;
    }

    /** An address as HAProxy prints it: {@code a.b.c.d}, or IPv6 as {@code inet_ntop} prints it. */
    public static String format(java.net.InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 ? formatV4(b) : formatV6(b);
    }

    /** IPv4 as {@code a.b.c.d}. */
    public static String formatV4(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /**
     * IPv6 as {@code inet_ntop} prints it: lower-case hexadecimal, the longest run of two or more
     * zero groups (the first of equal runs) as {@code ::}, and {@code ::a.b.c.d} or
     * {@code ::ffff:a.b.c.d} for IPv4-compatible and IPv4-mapped addresses.
     */
    public static String formatV6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && curLen > bestLen) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    b.append(':');
                }
                continue;
            }
            if (i != 0) {
                b.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                b.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff)
                        .append('.').append(a[15] & 0xff);
                break;
            }
            b.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            b.append(':');
        }
        return b.toString();
    }

    /** The IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d}. */
    public static byte[] v4ToV6(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /**
     * The IPv4 address an IPv6 address carries, as HAProxy finds it: {@code ::ffff:IPV4},
     * {@code ::IPV4} and {@code 2002:IPV4::}; null for any other address.
     */
    static byte[] v6ToV4(byte[] v6) {
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                zero80 = false;
                break;
            }
        }
        if (zero80 && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || (v6[10] == 0 && v6[11] == 0))) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }

    static byte[] fromInt(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static int toInt(byte[] v4) {
        return ((v4[0] & 0xff) << 24) | ((v4[1] & 0xff) << 16) | ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
    }
}
