package dev.sluice.runtime.sample;

/** HAProxy's ways of reading integers out of strings, each with its own tolerance. */
final class Numbers {

    private Numbers() {}

    /**
     * Reads an optional sign and the digits that follow, stopping at the first other character;
     * saturates at the 64-bit bounds. This is how a string sample becomes an integer.
     */
    static long readInt64(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && s.charAt(i) == '-') {
            negative = true;
            i++;
        } else if (i < to && s.charAt(i) == '+') {
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -v : v;
    }

    /** True when all of {@code s} is a number {@link #readInt64} reads whole. */
    static boolean isInt64(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * HAProxy's lenient 32-bit reading of header values ({@code hdr_val}, {@code cook_val}): an
     * optional leading minus, then one character after another until one above {@code '9'}, each
     * taken as a digit even when it is not one (so {@code 1.5} reads as 8), wrapping at 32 bits.
     */
    static int lenientInt32(String s) {
        int len = s.length();
        int i = 0;
        int v = 0;
        if (len == 0) {
            return 0;
        }
        if (s.charAt(0) != '-') {
            while (i < len) {
                int j = (byte) s.charAt(i++) - '0';
                int k = v * 10;
                if (j > 9) {
                    break;
                }
                v = k + j;
            }
        } else {
            i = 1;
            while (i < len) {
                int j = (byte) s.charAt(i++) - '0';
                int k = v * 10;
                if (j > 9) {
                    break;
                }
                v = k - j;
            }
        }
        return v;
    }

    /** HAProxy's unchecked unsigned reading of a port: every character taken as a digit. */
    static long uncheckedUnsigned32(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 - '0';
            v += s.charAt(i) & 0xff;
        }
        return v & 0xFFFFFFFFL;
    }
}
