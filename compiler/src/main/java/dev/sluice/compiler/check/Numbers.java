package dev.sluice.compiler.check;

/**
 * Numbers read as HAProxy's C parsers read them. Most keywords take {@code atol()}'s reading,
 * which stops at the first character that is not a digit and never fails, so that a value such as
 * {@code 600q} passes for one keyword and not for another; the checks must reproduce each
 * parser's own leniency to give HAProxy's verdict.
 */
final class Numbers {

    /** What {@link #time} found wrong: an unexpected character, an overflow or an underflow. */
    record Time(Character unexpected, boolean overflow, boolean underflow) {
        boolean ok() {
            return unexpected == null && !overflow && !underflow;
        }
    }

    private Numbers() {}

    /** C's {@code strtol(s, &end, 10)}: the value and where the digits ended (0 when none were read). */
    private static long[] strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean saturated = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!saturated) {
                if (value > (Long.MAX_VALUE - d) / 10) {
                    saturated = true;
                } else {
                    value = value * 10 + d;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new long[] {0, 0};
        }
        if (saturated) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = -value;
        }
        return new long[] {value, i};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** C's {@code atol()}: the leading number, 0 when there is none. */
    static long atol(String s) {
        return strtol(s)[0];
    }

    /** C's {@code atoi()} on glibc: {@code atol()} cut to 32 bits. */
    static int atoi(String s) {
        return (int) atol(s);
    }

    /** {@code strtol()} as parsers use it to refuse trailing characters: null when {@code s} is not all a number. */
    static Long strictLong(String s) {
        long[] r = strtol(s);
        if (s.isEmpty() || r[1] != s.length()) {
            return null;
        }
        return r[0];
    }

    /** C's {@code read_uint()}: the leading digits as an unsigned int, and the index after them. */
    static long[] readUint(String s, int from) {
        long value = 0;
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = Math.min(value * 10 + (s.charAt(i) - '0'), 0xFFFFFFFFL);
            i++;
        }
        return new long[] {value, i};
    }

    /**
     * HAProxy's {@code parse_time_err()} with milliseconds as the default unit: digits, then an
     * optional unit among us, ms, s, m, h, d; 2^31 ms or more overflows, a non-zero value that
     * rounds to 0 ms underflows.
     */
    static Time time(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return new Time(text.isEmpty() ? '\0' : text.charAt(0), false, false);
        }
        int i = 0;
        long value = 0;
        boolean huge = false;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            huge |= value > 1_000_000_000_000_000L;
            i++;
        }
        long multiply = 1;
        long divide = 1;
        if (i < text.length()) {
            char c = text.charAt(i);
            boolean two = i + 1 < text.length() && text.charAt(i + 1) == 's';
            switch (c) {
                case 's' -> multiply = 1000;
                case 'u' -> {
                    if (!two) {
                        return new Time(c, false, false);
                    }
                    divide = 1000;
                }
                case 'm' -> multiply = two ? 1 : 60_000;
                case 'h' -> multiply = 3_600_000;
                case 'd' -> multiply = 86_400_000;
                default -> {
                    return new Time(c, false, false);
                }
            }
        }
        if (huge) {
            return new Time(null, true, false);
        }
        long result = (value * multiply + divide - 1) / divide;
        if (result >= 0x80000000L) {
            return new Time(null, true, false);
        }
        if (result == 0 && value != 0) {
            return new Time(null, false, true);
        }
        return new Time(null, false, false);
    }

    /**
     * HAProxy's {@code parse_size_err()}: digits and an optional k, m or g, within 32 bits. The
     * character it stops at, or null when it reads the whole value.
     */
    static Character sizeError(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return text.isEmpty() ? '\0' : text.charAt(0);
        }
        long value = 0;
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > 0xFFFFFFFFL) {
                return text.charAt(i);
            }
            i++;
        }
        if (i == text.length()) {
            return null;
        }
        char unit = text.charAt(i);
        int shift = switch (Character.toLowerCase(unit)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> -1;
        };
        if (shift < 0 || value > (0xFFFFFFFFL >> shift)) {
            return unit;
        }
        return i + 1 < text.length() ? text.charAt(i + 1) : null;
    }
}
