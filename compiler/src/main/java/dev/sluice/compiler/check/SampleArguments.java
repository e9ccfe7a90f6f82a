package dev.sluice.compiler.check;

import dev.sluice.grammar.expr.Arg;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of a sample fetch or converter as HAProxy's {@code make_arg_list()} (arg.c)
 * does once the words are split: one argument after the other, each parsed as its declared type,
 * stopping at the first that fails, at an empty optional one, or when the declaration has no
 * more; then counting what was read against the mandatory ones, and expecting the closing
 * parenthesis. The grammar has already split and unquoted the arguments; what depends on the
 * keyword (how many, which types) is decided here, with HAProxy's messages.
 */
final class SampleArguments {

    /**
     * What HAProxy says about a keyword's arguments.
     *
     * @param message its words, e.g. {@code failed to parse 'x' as type 'integer' at position 1}
     * @param position its {@code err_arg}: the 0-based argument it stopped at, which converter
     *     messages number from 1
     */
    record Problem(String message, int position) {}

    /** HAProxy's names of the argument types, as its messages print them. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("SINT", "integer"), Map.entry("STR", "string"), Map.entry("ID", "identifier"),
            Map.entry("IPV4", "IPv4 address"), Map.entry("MSK4", "IPv4 mask"), Map.entry("IPV6", "IPv6 address"),
            Map.entry("MSK6", "IPv6 mask"), Map.entry("TIME", "delay"), Map.entry("SIZE", "size"),
            Map.entry("FE", "frontend"), Map.entry("BE", "backend"), Map.entry("TAB", "table"),
            Map.entry("SRV", "server"), Map.entry("USR", "user list"), Map.entry("MAP", "map"),
            Map.entry("REG", "regex"), Map.entry("VAR", "variable"),
            Map.entry("PBUF_FNUM", "Protocol buffers field number"));

    private SampleArguments() {}

    /**
     * Checks the arguments of {@code keyword}.
     *
     * @param args the arguments between its parentheses, empty when it has none; {@code ()}
     *     gives one empty argument
     * @param text the text the arguments' columns count from, for HAProxy's "expected ')'
     *     before ..." which quotes the rest of it
     * @return HAProxy's complaint, or null when it accepts them
     */
    static Problem check(List<Arg> args, SampleKeyword keyword, String text) {
        if (keyword.argsUnknown()) {
            return null;
        }
        List<String> types = keyword.argTypes();
        boolean parens = !args.isEmpty();
        if (types.isEmpty()) {
            boolean emptyParens = args.size() == 1 && args.get(0).raw().isEmpty();
            return !parens || emptyParens ? null : unclosed(text, args.get(0).column() - 1, 0);
        }
        int min = keyword.minArgs();
        if (!parens && min == 0) {
            return null;
        }
        // without parentheses, a keyword with mandatory arguments reads one empty argument
        int given = parens ? args.size() : 1;
        int pos = 0;
        int stop = given;
        for (int i = 0; i < given && pos < types.size(); i++) {
            String value = parens ? args.get(i).value() : "";
            String type = types.get(pos);
            if (value.isEmpty() && !acceptsEmpty(type)) {
                if (pos < min) {
                    return new Problem("expected type '" + typeName(type) + "' at position " + (pos + 1)
                            + ", but got nothing", pos);
                }
                stop = i + 1; // HAProxy stops reading there, before the delimiter that follows
                break;
            }
            if (!parses(type, value)) {
                return new Problem("failed to parse '" + value + "' as type '" + typeName(type) + "' at position "
                        + (pos + 1), pos);
            }
            pos++;
            stop = i + 1;
        }
        if (pos < min) {
            return new Problem("missing arguments (got " + pos + "/" + min + "), type '" + typeName(types.get(pos))
                    + "' expected", pos);
        }
        if (parens && stop < given) {
            // HAProxy stopped before a comma: it wanted the closing parenthesis there
            return unclosed(text, args.get(stop).column() - 2, pos > 1 ? pos - 1 : pos);
        }
        return null;
    }

    /** HAProxy's complaint when an argument list goes on where it expected {@code )}. */
    private static Problem unclosed(String text, int codePoint, int position) {
        String rest = text.substring(text.offsetByCodePoints(0, codePoint));
        return new Problem(rest.isEmpty() ? "expected ')'" : "expected ')' before '" + rest + "'", position);
    }

    private static String typeName(String type) {
        return TYPE_NAMES.getOrDefault(type, "string");
    }

    /** Types HAProxy keeps as strings, resolved later when they name a proxy, table, server, ... */
    private static boolean acceptsEmpty(String type) {
        return switch (type) {
            case "SINT", "IPV4", "MSK4", "IPV6", "MSK6", "TIME", "SIZE", "PBUF_FNUM" -> false;
            default -> true;
        };
    }

    /** Whether HAProxy parses a non-empty {@code value} as {@code type}. */
    static boolean parses(String type, String value) {
        return switch (type) {
            case "SINT" -> isInteger(value);
            case "IPV4" -> Addresses.isIpv4(value);
            case "MSK4" -> value.indexOf('.') >= 0 ? Addresses.isIpv4(value) : isMaskLength(value, 32);
            case "IPV6" -> Addresses.isIpv6(value);
            case "MSK6" -> value.indexOf(':') >= 0 ? Addresses.isIpv6(value) : isMaskLength(value, 128);
            case "TIME" -> Numbers.time(value).ok();
            case "SIZE" -> isSize(value);
            case "PBUF_FNUM" -> isDottedNumbers(value);
            default -> true;
        };
    }

    /** read_int64(): an optional sign, then digits to the end (none at all is zero). */
    private static boolean isInteger(String v) {
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        for (; i < v.length(); i++) {
            if (!isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** strtol() reading all of {@code v}, between 0 and {@code max}. */
    private static boolean isMaskLength(String v, int max) {
        int i = 0;
        while (i < v.length() && (v.charAt(i) == ' ' || (v.charAt(i) >= '\t' && v.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = i < v.length() && v.charAt(i) == '-';
        if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        long n = 0;
        while (i < v.length() && isDigit(v.charAt(i))) {
            n = Math.min(n * 10 + (v.charAt(i) - '0'), Integer.MAX_VALUE);
            i++;
        }
        if (i == digits || i < v.length()) {
            return false;
        }
        return negative ? n == 0 : n <= max;
    }

    /** parse_size_err(): digits, then an optional k, m or g, all within 32 bits. */
    private static boolean isSize(String v) {
        int i = 0;
        long value = 0;
        while (i < v.length() && isDigit(v.charAt(i))) {
            value = value * 10 + (v.charAt(i) - '0');
            if (value > 0xFFFFFFFFL) {
                return false;
            }
            i++;
        }
        if (i == 0) {
            return false;
        }
        if (i == v.length()) {
            return true;
        }
        int shift = switch (Character.toLowerCase(v.charAt(i))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> -1;
        };
        return shift >= 0 && i + 1 == v.length() && (value << shift) <= 0xFFFFFFFFL;
    }

    /** parse_dotted_uints(): numbers separated by single dots, not ending with one. */
    private static boolean isDottedNumbers(String v) {
        int i = 0;
        while (i < v.length()) {
            while (i < v.length() && isDigit(v.charAt(i))) {
                i++;
            }
            if (i == v.length()) {
                return true;
            }
            if (v.charAt(i) != '.' || i + 1 == v.length()) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
