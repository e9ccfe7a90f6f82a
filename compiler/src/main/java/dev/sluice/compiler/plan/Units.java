package dev.sluice.compiler.plan;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** HAProxy's time and size syntax, converted to milliseconds and bytes. */
public final class Units {

    private Units() {}

    /** {@link #parseTime(String, TimeUnit)} with milliseconds as the default unit, as for timeouts. */
    public static long parseTime(String text) {
        return parseTime(text, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads a delay, {@code <digits>[us|ms|s|m|h|d]}, into milliseconds, rounded up as HAProxy
     * rounds: {@code 1us} is 1 ms, {@code 1500us} is 2 ms. Like HAProxy, characters after a valid
     * unit are ignored ({@code 10sec} is 10 s; HAProxy warns).
     *
     * @param text the delay as written
     * @param defaultUnit the unit of a bare number: milliseconds for most keywords, seconds for a few
     * @throws IllegalArgumentException when the text does not start with a digit, has an unknown
     *     unit or overflows
     */
    public static long parseTime(String text, TimeUnit defaultUnit) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(defaultUnit, "defaultUnit");
        int i = digits(text, "delay");
        long value = number(text, i, "delay");
        String rest = text.substring(i);
        long micros;
        if (rest.isEmpty()) {
            micros = defaultUnit.toMicros(1);
        } else if (rest.startsWith("us")) {
            micros = 1;
        } else if (rest.startsWith("ms")) {
            micros = 1_000;
        } else if (rest.startsWith("s")) {
            micros = 1_000_000;
        } else if (rest.startsWith("m")) {
            micros = 60_000_000L;
        } else if (rest.startsWith("h")) {
            micros = 3_600_000_000L;
        } else if (rest.startsWith("d")) {
            micros = 86_400_000_000L;
        } else {
            throw new IllegalArgumentException("unexpected character '" + rest.charAt(0) + "' in delay '" + text
                    + "' (units: us, ms, s, m, h, d)");
        }
        try {
            long total = Math.multiplyExact(value, micros);
            return total / 1000 + (total % 1000 != 0 ? 1 : 0);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("delay '" + text + "' is too large");
        }
    }

    /**
     * Reads a size, {@code <digits>[k|m|g]} (either case), into bytes: the suffixes multiply by
     * 1024, 1024² and 1024³. Nothing may follow the suffix.
     *
     * @throws IllegalArgumentException when the text is not a size
     */
    public static long parseSize(String text) {
        Objects.requireNonNull(text, "text");
        int i = digits(text, "size");
        long value = number(text, i, "size");
        String rest = text.substring(i);
        int shift;
        switch (rest) {
            case "" -> shift = 0;
            case "k", "K" -> shift = 10;
            case "m", "M" -> shift = 20;
            case "g", "G" -> shift = 30;
            default -> throw new IllegalArgumentException("unexpected '" + rest + "' in size '" + text
                    + "' (suffixes: k, m, g)");
        }
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return value << shift;
    }

    private static int digits(String text, String what) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a " + what + " but got '" + text + "'");
        }
        return i;
    }

    private static long number(String text, int end, String what) {
        try {
            return Long.parseLong(text.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is too large");
        }
    }
}
