package dev.sluice.runtime.l7;

/**
 * The dates an insert-mode persistence cookie carries with {@code maxidle} and {@code maxlife},
 * in HAProxy's format: {@code VALUE|LAST} (maxidle alone) or {@code VALUE|LAST|FIRST} (with
 * maxlife), where LAST is when the cookie was last seen and FIRST when it was first set, each a
 * count of 4-second steps since 1970 written as 5 base64 digits (30 bits, most significant
 * first). A date more than a day in the future, or older than the limit, makes the cookie void:
 * the request is balanced as if it had none (compared with HAProxy 2.6 by hand).
 */
public final class CookieDates {

    private static final String DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** How far in the future a date may be (clocks differ): a day. */
    static final long FUTURE_SLACK_S = 86_400;

    /** A cookie's value and its dates in seconds (-1 where it has none). */
    record Parsed(String value, long lastSeen, long firstSeen) {}

    private CookieDates() {
    }

    /** Splits {@code VALUE[|LAST[|FIRST]]}; a malformed date counts as absent. */
    static Parsed parse(String cookie) {
        int bar = cookie.indexOf('|');
        if (bar < 0) {
            return new Parsed(cookie, -1, -1);
        }
        int second = cookie.indexOf('|', bar + 1);
        String last = second < 0 ? cookie.substring(bar + 1) : cookie.substring(bar + 1, second);
        String first = second < 0 ? null : cookie.substring(second + 1);
        return new Parsed(cookie.substring(0, bar), decode(last), first == null ? -1 : decode(first));
    }

    /** Whether {@code date} (seconds, -1 for none) is within {@code limitMs} of {@code nowS}, or absent. */
    static boolean fresh(long date, Long limitMs, long nowS) {
        if (limitMs == null || date < 0) {
            return true;
        }
        return date - nowS <= FUTURE_SLACK_S && nowS - date <= limitMs / 1000;
    }

    /** The 5 digits of {@code seconds}, in 4-second steps. */
    public static String encode(long seconds) {
        long steps = (seconds >> 2) & 0x3FFF_FFFF;
        char[] out = new char[5];
        for (int i = 4; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (steps & 63));
            steps >>= 6;
        }
        return new String(out);
    }

    /** The seconds 5 digits stand for, or -1 when they are not 5 base64 digits. */
    static long decode(String digits) {
        if (digits.length() != 5) {
            return -1;
        }
        long steps = 0;
        for (int i = 0; i < 5; i++) {
            int d = DIGITS.indexOf(digits.charAt(i));
            if (d < 0) {
                return -1;
            }
            steps = steps << 6 | d;
        }
        return steps << 2;
    }

    /** Whether {@code a} and {@code b} (seconds) fall in the same 4-second step. */
    static boolean sameStep(long a, long b) {
        return a >> 2 == b >> 2;
    }
}
