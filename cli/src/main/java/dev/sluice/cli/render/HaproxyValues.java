package dev.sluice.cli.render;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes values the way HAProxy reads them: one word of a configuration line, a duration, a size.
 * The template filters {@code haproxy_word}, {@code haproxy_time} and {@code haproxy_size} are
 * these functions.
 */
public final class HaproxyValues {

    private static final Pattern TIME_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmg]?)(?:i?b)?");

    /** HAProxy's time units with their length in microseconds, largest first. */
    private static final List<Unit> TIME_UNITS = List.of(
            new Unit("d", 86_400_000_000L), new Unit("h", 3_600_000_000L), new Unit("m", 60_000_000L),
            new Unit("s", 1_000_000L), new Unit("ms", 1_000L), new Unit("us", 1L));

    /** HAProxy's size suffixes (powers of 1024), largest first. */
    private static final List<Unit> SIZE_UNITS = List.of(
            new Unit("g", 1L << 30), new Unit("m", 1L << 20), new Unit("k", 1L << 10));

    private record Unit(String name, long factor) {}

    private HaproxyValues() {}

    /**
     * {@code value} as one HAProxy word: as it is when nothing in it is special to HAProxy's
     * tokenizer, else in single quotes (where nothing is interpreted), else, when it holds a single
     * quote or a line break, in double quotes with {@code \ " $} and line breaks escaped. The empty
     * string is {@code ""}.
     */
    public static String word(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        boolean plain = true;
        boolean singleQuotable = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ' ', '\t', '\u000b', '\f', '#', '\\', '"' -> plain = false;
                case '\'', '\n', '\r' -> {
                    plain = false;
                    singleQuotable = false;
                }
                default -> { }
            }
        }
        if (plain) {
            return value;
        }
        if (singleQuotable) {
            return "'" + value + "'";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '$' -> b.append("\\$");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * A duration in HAProxy's notation, in the largest unit that expresses it exactly
     * ({@code 90s}, {@code 1m}, {@code 1500ms}). A number counts {@code unit}s (HAProxy's own
     * default, {@code ms}, when null); a text is a number with an optional unit, or several
     * ({@code 1m30s}).
     *
     * @throws IllegalArgumentException when {@code value} is not a duration, with the reason
     */
    public static String time(Object value, String unit) {
        String defaultUnit = unit == null || unit.isBlank() ? "ms" : unit.strip().toLowerCase(Locale.ROOT);
        Unit base = TIME_UNITS.stream().filter(u -> u.name().equals(defaultUnit)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown time unit '" + unit
                        + "' (HAProxy's are us, ms, s, m, h, d)"));
        BigDecimal micros;
        if (value instanceof Number n) {
            micros = new BigDecimal(n.toString()).multiply(BigDecimal.valueOf(base.factor()));
        } else {
            String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
            Matcher m = TIME_PART.matcher(text);
            micros = BigDecimal.ZERO;
            int at = 0;
            while (at < text.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("'" + value + "' is not a duration (write 500ms, 5s, 1m30s, ...)");
                }
                long factor = m.group(2) == null ? base.factor()
                        : TIME_UNITS.stream().filter(u -> u.name().equals(m.group(2))).findFirst().orElseThrow().factor();
                micros = micros.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)));
                at = m.end();
                while (at < text.length() && text.charAt(at) == ' ') {
                    at++;
                }
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("an empty text is not a duration");
            }
        }
        if (micros.signum() < 0) {
            throw new IllegalArgumentException("'" + value + "' is negative; HAProxy's durations are not");
        }
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + value + "' is finer than HAProxy's smallest unit, a microsecond");
        }
        long us = micros.longValueExact();
        if (us == 0) {
            return "0";
        }
        for (Unit u : TIME_UNITS) {
            if (us % u.factor() == 0) {
                return us / u.factor() + u.name();
            }
        }
        throw new AssertionError("us divides every duration");
    }

    /**
     * A size in HAProxy's notation: bytes with the largest suffix that expresses them exactly,
     * {@code k}, {@code m} or {@code g} (powers of 1024, as HAProxy counts them). A number is bytes;
     * a text is a whole number with an optional suffix, in any case, with or without a trailing
     * {@code b} or {@code ib} ({@code 16k}, {@code 16KB}, {@code 1MiB}).
     *
     * @throws IllegalArgumentException when {@code value} is not a size, with the reason
     */
    public static String size(Object value) {
        long bytes;
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + value + "' is not a whole number of bytes");
            }
            bytes = d.longValueExact();
        } else {
            String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a size (write 512, 16k, 1m, 1g)");
            }
            long factor = switch (m.group(2)) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1L;
            };
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("'" + value + "' is negative; HAProxy's sizes are not");
        }
        if (bytes == 0) {
            return "0";
        }
        for (Unit u : SIZE_UNITS) {
            if (bytes % u.factor() == 0) {
                return bytes / u.factor() + u.name();
            }
        }
        return Long.toString(bytes);
    }
}
