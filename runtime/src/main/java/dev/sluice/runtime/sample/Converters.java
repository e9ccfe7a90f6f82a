package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.MatchMethod;
import dev.sluice.compiler.plan.TypedArg;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The converters the runtime supports, with HAProxy 2.6's semantics. Each converts its input to
 * the type it takes first, as HAProxy does ({@code add} reads a string as an integer); map files
 * are read here, at compile time, through a {@link FileSource}.
 */
public final class Converters {

    private Converters() {}

    /** Where map files come from: the compiler reads and caches them. */
    interface FileSource {

        /** The file's lines, without line ends. */
        List<String> lines(String file);
    }

    private interface Factory {
        Converter create(Fetches.Args args, FileSource files);
    }

    private static final String[] MAP_MATCHES = {"str", "beg", "sub", "dir", "dom", "end", "reg", "int", "ip"};

    private static final Map<String, Factory> CONVERTERS = Map.ofEntries(
            Map.entry("lower", (a, f) -> string(Bytes::lower)),
            Map.entry("upper", (a, f) -> string(Bytes::upper)),
            Map.entry("length", (a, f) -> typed(SampleType.STR, v -> SampleValue.ofInt(v.stringValue().length()))),
            Map.entry("field", (a, f) -> field(a, false)),
            Map.entry("word", (a, f) -> field(a, true)),
            Map.entry("regsub", (a, f) -> regsub(a)),
            Map.entry("base64", (a, f) -> typed(SampleType.BIN, v -> SampleValue.ofString(
                    Base64.getEncoder().encodeToString(Bytes.bytes(v.stringValue()))))),
            Map.entry("b64dec", (a, f) -> typed(SampleType.STR, v -> base64Decode(v.stringValue(), false))),
            Map.entry("ub64enc", (a, f) -> typed(SampleType.BIN, v -> SampleValue.ofString(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(Bytes.bytes(v.stringValue()))))),
            Map.entry("ub64dec", (a, f) -> typed(SampleType.STR, v -> base64Decode(v.stringValue(), true))),
            Map.entry("hex", (a, f) -> typed(SampleType.BIN, v -> SampleValue.ofString(Hex.encode(v.stringValue())))),
            Map.entry("json", (a, f) -> json(a)),
            Map.entry("url_dec", (a, f) -> urlDecode(a)),
            Map.entry("host_only", (a, f) -> typed(SampleType.STR, Converters::hostOnly)),
            Map.entry("port_only", (a, f) -> typed(SampleType.STR, Converters::portOnly)),
            Map.entry("bool", (a, f) -> integer(v -> SampleValue.ofBool(v != 0))),
            Map.entry("not", (a, f) -> integer(v -> SampleValue.ofBool(v == 0))),
            Map.entry("odd", (a, f) -> integer(v -> SampleValue.ofBool((v & 1) != 0))),
            Map.entry("even", (a, f) -> integer(v -> SampleValue.ofBool((v & 1) == 0))),
            Map.entry("cpl", (a, f) -> arithmetic(v -> ~v)),
            Map.entry("neg", (a, f) -> arithmetic(v -> v == Long.MIN_VALUE ? Long.MAX_VALUE : -v)),
            Map.entry("and", (a, f) -> operator(a, (x, y) -> x & y)),
            Map.entry("or", (a, f) -> operator(a, (x, y) -> x | y)),
            Map.entry("xor", (a, f) -> operator(a, (x, y) -> x ^ y)),
            Map.entry("add", (a, f) -> operator(a, Converters::add)),
            Map.entry("sub", (a, f) -> operator(a, Converters::subtract)),
            Map.entry("mul", (a, f) -> operator(a, Converters::multiply)),
            Map.entry("div", (a, f) -> operator(a, Converters::divide)),
            Map.entry("mod", (a, f) -> operator(a, Converters::modulo)));

    /** The names of the supported converters, sorted (the map family as {@code map_<match>_<output>}). */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(CONVERTERS.keySet());
        names.add("map");
        names.add("map_regm");
        for (String m : MAP_MATCHES) {
            names.add("map_" + m);
            names.add("map_" + m + "_int");
            names.add("map_" + m + "_ip");
            names.add("map_" + m + "_str");
        }
        return names;
    }

    /** True when the runtime supports the converter {@code name}. */
    public static boolean supports(String name) {
        return CONVERTERS.containsKey(name) || mapKind(name) != null;
    }

    /**
     * Compiles a converter, reading the map file a {@code map*} converter names.
     *
     * @throws IllegalArgumentException when the converter is unknown or not supported, its
     *     arguments are not valid, or its map file cannot be read
     */
    static Converter compile(String name, List<TypedArg> args, FileSource files) {
        Fetches.Args a = new Fetches.Args(name, args);
        Factory f = CONVERTERS.get(name);
        if (f != null) {
            return f.create(a, files);
        }
        String[] kind = mapKind(name);
        if (kind != null) {
            return MapConverter.create(name, kind[0], kind[1], a, files);
        }
        throw new IllegalArgumentException("converter '" + name + "' is not supported by the runtime");
    }

    /** {match, output} of a map converter's name, or null. */
    private static String[] mapKind(String name) {
        if (name.equals("map")) {
            return new String[] {"str", "str"};
        }
        if (name.equals("map_regm")) {
            return new String[] {"regm", "str"};
        }
        if (!name.startsWith("map_")) {
            return null;
        }
        String[] parts = name.substring(4).split("_", -1);
        if (parts.length > 2 || !List.of(MAP_MATCHES).contains(parts[0])) {
            return null;
        }
        String output = parts.length == 2 ? parts[1] : "str";
        return List.of("str", "int", "ip").contains(output) ? new String[] {parts[0], output} : null;
    }

    // ---- shapes

    /** A converter taking {@code input}: the sample is cast to it first; a failed cast fails. */
    private static Converter typed(SampleType input, java.util.function.Function<SampleValue, SampleValue> f) {
        return (v, x) -> {
            SampleValue in = v.castTo(input);
            return in == null ? null : f.apply(in);
        };
    }

    private static Converter string(UnaryOperator<String> f) {
        return typed(SampleType.STR, v -> SampleValue.ofString(f.apply(v.stringValue())));
    }

    private static Converter integer(java.util.function.LongFunction<SampleValue> f) {
        return typed(SampleType.SINT, v -> f.apply(v.longValue()));
    }

    private static Converter arithmetic(LongUnaryOperator f) {
        return integer(v -> SampleValue.ofInt(f.applyAsLong(v)));
    }

    /**
     * An arithmetic or bitwise operator whose argument is an integer or a variable name (read at
     * evaluation, cast to an integer; unset, the conversion fails).
     */
    private static Converter operator(Fetches.Args a, LongBinaryOperator f) {
        String arg = a.string(0, "").strip();
        if (Numbers.isInt64(arg)) {
            long constant = Numbers.readInt64(arg, 0, arg.length());
            return integer(v -> SampleValue.ofInt(f.applyAsLong(v, constant)));
        }
        if (!Variables.isValidName(arg)) {
            throw a.error("expects an integer or a variable name, not '" + arg + "'");
        }
        return (v, x) -> {
            SampleValue in = v.castTo(SampleType.SINT);
            SampleValue var = x.variables().get(arg);
            SampleValue operand = var == null ? null : var.castTo(SampleType.SINT);
            return in == null || operand == null ? null
                    : SampleValue.ofInt(f.applyAsLong(in.longValue(), operand.longValue()));
        };
    }

    // ---- arithmetic, saturated as HAProxy's

    static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long subtract(long a, long b) {
        if (b == Long.MIN_VALUE) {
            long r = add(a, Long.MAX_VALUE);
            return r < Long.MAX_VALUE ? r + 1 : r;
        }
        return add(a, -b);
    }

    static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return Long.MAX_VALUE;
        }
        long r = a * b;
        if (a != r / b) {
            return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    static long divide(long a, long b) {
        if (b == 0) {
            return Long.MAX_VALUE;
        }
        return a == Long.MIN_VALUE && b == -1 ? Long.MAX_VALUE : a / b;
    }

    static long modulo(long a, long b) {
        if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
            return 0;
        }
        return a % b;
    }

    // ---- strings

    /**
     * {@code field(index,delimiters[,count])} and {@code word(...)}: fields are split at every
     * delimiter (empty ones count), words are runs of non-delimiters. A negative index counts from
     * the end; {@code count} fields or words are kept with what separates them, 0 meaning all the
     * rest (to the start of the string for a negative index).
     */
    private static Converter field(Fetches.Args a, boolean words) {
        long index = a.integer(0);
        String delimiters = a.string(1, "");
        long count = a.integer(2, 1);
        if (index == 0) {
            return (v, x) -> null;
        }
        return typed(SampleType.STR, v -> {
            String s = v.stringValue();
            List<int[]> parts = words ? words(s, delimiters) : fields(s, delimiters);
            int n = parts.size();
            long k = Math.abs(index);
            if (k > n) {
                // HAProxy 2.6 gives an empty word, but no field, when there are too few
                return words ? SampleValue.ofString("") : null;
            }
            int start;
            int end;
            if (index > 0) {
                int first = (int) k - 1;
                start = parts.get(first)[0];
                end = count <= 0 || first + count > n ? s.length() : parts.get((int) (first + count - 1))[1];
            } else {
                int last = n - (int) k;
                end = parts.get(last)[1];
                start = count <= 0 || last - count + 1 < 0 ? 0 : parts.get((int) (last - count + 1))[0];
            }
            return SampleValue.ofString(s.substring(start, end));
        });
    }

    private static List<int[]> fields(String s, String delimiters) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (delimiters.indexOf(s.charAt(i)) >= 0) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
        }
        out.add(new int[] {start, s.length()});
        return out;
    }

    private static List<int[]> words(String s, String delimiters) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && delimiters.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < s.length() && delimiters.indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    /**
     * {@code regsub(regex,subst[,flags])}: replaces the first match (every match with {@code g};
     * case-insensitive with {@code i}). Each search starts where the last match ended, anchors
     * included, as HAProxy runs the regex on the rest of the string. {@code \N} in {@code subst}
     * is group N, {@code \xHH} a byte, {@code \c} the character c.
     */
    private static Converter regsub(Fetches.Args a) {
        String flags = a.string(2, "");
        boolean global = flags.indexOf('g') >= 0;
        Pattern pattern = PatternSet.Regex.compile(a.string(0, ""), flags.indexOf('i') >= 0, "regsub");
        String subst = a.string(1, "");
        return typed(SampleType.STR, v -> {
            String s = v.stringValue();
            StringBuilder out = new StringBuilder(s.length() + 16);
            Matcher m = pattern.matcher(s);
            int start = 0;
            while (true) {
                m.region(start, s.length());
                if (!m.find()) {
                    break;
                }
                out.append(s, start, m.start());
                substitute(out, subst, m, s);
                start = m.end();
                if (m.start() == m.end()) {
                    if (start >= s.length()) {
                        break;
                    }
                    out.append(s.charAt(start++));
                }
                if (!global) {
                    break;
                }
            }
            out.append(s, Math.min(start, s.length()), s.length());
            return SampleValue.ofString(out.toString());
        });
    }

    /** Appends {@code subst} with its back-references replaced by {@code m}'s groups. */
    static void substitute(StringBuilder out, String subst, Matcher m, String subject) {
        for (int i = 0; i < subst.length(); i++) {
            char c = subst.charAt(i);
            if (c != '\\' || i + 1 >= subst.length()) {
                out.append(c);
                continue;
            }
            char next = subst.charAt(++i);
            if (next >= '0' && next <= '9') {
                int g = next - '0';
                if (g <= m.groupCount() && m.start(g) >= 0) {
                    out.append(subject, m.start(g), m.end(g));
                }
            } else if (next == 'x' && i + 2 < subst.length()) {
                int hi = Character.digit(subst.charAt(i + 1), 16);
                int lo = Character.digit(subst.charAt(i + 2), 16);
                out.append((char) (Math.max(hi, 0) << 4 | Math.max(lo, 0)));
                i += 2;
            } else {
                out.append(next);
            }
        }
    }

    private static SampleValue base64Decode(String s, boolean url) {
        if (!url && s.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] decoded = url ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
            return SampleValue.ofBinary(decoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code url_dec([in_form])}: decodes {@code %XX} (a malformed one fails the conversion) and
     * turns {@code +} into a space after a {@code ?}, or everywhere with {@code in_form}.
     */
    private static Converter urlDecode(Fetches.Args a) {
        boolean inForm = a.integer(0, 0) != 0;
        return typed(SampleType.STR, v -> {
            String s = v.stringValue();
            StringBuilder out = new StringBuilder(s.length());
            boolean form = inForm;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '+') {
                    out.append(form ? ' ' : '+');
                } else if (c == '%') {
                    if (i + 2 >= s.length()) {
                        return null;
                    }
                    int hi = hexDigit(s.charAt(i + 1));
                    int lo = hexDigit(s.charAt(i + 2));
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out.append((char) (hi << 4 | lo));
                    i += 2;
                } else {
                    if (c == '?') {
                        form = true;
                    }
                    out.append(c);
                }
            }
            return SampleValue.ofString(out.toString());
        });
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** Where the port of a Host value starts: after its last colon that is not inside {@code [...]}; -1 when none. */
    private static int portColon(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ']') {
                return -1;
            }
            if (c == ':') {
                return i;
            }
        }
        return -1;
    }

    /** {@code host_only}: the Host value without its port, in lower case. */
    private static SampleValue hostOnly(SampleValue v) {
        String s = v.stringValue();
        int colon = portColon(s);
        return SampleValue.ofString(Bytes.lower(colon < 0 ? s : s.substring(0, colon)));
    }

    /** {@code port_only}: the Host value's port, 0 when it has none; as HAProxy, digits are not checked. */
    private static SampleValue portOnly(SampleValue v) {
        String s = v.stringValue();
        int colon = portColon(s);
        return SampleValue.ofInt(colon < 0 ? 0 : Numbers.uncheckedUnsigned32(s, colon + 1, s.length()));
    }

    // ---- json

    /**
     * {@code json([input-code])}: escapes a string for JSON. {@code ascii} (the default) escapes
     * each byte; the {@code utf8} decoders read UTF-8 first, failing on an error ({@code utf8}),
     * dropping the bad bytes ({@code s}), accepting overlong forms ({@code p}).
     */
    private static Converter json(Fetches.Args a) {
        String code = a.string(0, "ascii");
        if (code.isEmpty()) {
            code = "ascii";
        }
        boolean utf8;
        boolean skip = false;
        boolean permissive = false;
        switch (code) {
            case "ascii":
                utf8 = false;
                break;
            case "utf8":
                utf8 = true;
                break;
            case "utf8s":
                utf8 = true;
                skip = true;
                break;
            case "utf8p":
                utf8 = true;
                permissive = true;
                break;
            case "utf8ps":
                utf8 = true;
                skip = true;
                permissive = true;
                break;
            default:
                throw a.error("unknown input code '" + code + "' (ascii, utf8, utf8s, utf8p or utf8ps)");
        }
        boolean utf8Mode = utf8;
        boolean skipErrors = skip;
        boolean acceptOverlong = permissive;
        return typed(SampleType.STR, v -> {
            String s = v.stringValue();
            StringBuilder out = new StringBuilder(s.length() + 8);
            int i = 0;
            while (i < s.length()) {
                int cp;
                int len = 1;
                if (!utf8Mode) {
                    cp = s.charAt(i) & 0xff;
                } else {
                    long r = Utf8.next(s, i, acceptOverlong);
                    len = (int) (r >>> 32);
                    cp = (int) r;
                    if (cp < 0 || cp > 0xffff) {
                        if (!skipErrors) {
                            return null;
                        }
                        i += len;
                        continue;
                    }
                }
                escape(out, cp);
                i += len;
            }
            return SampleValue.ofString(out.toString());
        });
    }

    private static void escape(StringBuilder out, int c) {
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '/':
                out.append("\\/");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append((char) c);
                }
        }
    }

    /** A UTF-8 decoder over byte strings. */
    static final class Utf8 {

        private Utf8() {}

        /**
         * Decodes the character at {@code i}: its length in the high 32 bits, its code point in the
         * low ones, -1 for an error (a bad sequence, a value in a forbidden range, an overlong form
         * unless accepted).
         */
        static long next(String s, int i, boolean acceptOverlong) {
            int b = s.charAt(i) & 0xff;
            int need;
            int cp;
            int min;
            if (b < 0x80) {
                return (1L << 32) | b;
            } else if (b >= 0xc0 && b < 0xe0) {
                need = 1;
                cp = b & 0x1f;
                min = 0x80;
            } else if (b >= 0xe0 && b < 0xf0) {
                need = 2;
                cp = b & 0x0f;
                min = 0x800;
            } else if (b >= 0xf0 && b < 0xf8) {
                need = 3;
                cp = b & 0x07;
                min = 0x10000;
            } else {
                return (1L << 32) | 0xffffffffL;
            }
            int len = 1;
            for (int k = 0; k < need; k++) {
                if (i + len >= s.length() || (s.charAt(i + len) & 0xc0) != 0x80) {
                    return ((long) len << 32) | 0xffffffffL;
                }
                cp = cp << 6 | (s.charAt(i + len) & 0x3f);
                len++;
            }
            if ((cp < min && !acceptOverlong) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
                return ((long) len << 32) | 0xffffffffL;
            }
            return ((long) len << 32) | cp;
        }
    }

    // ---- maps

    /**
     * {@code map_<match>_<output>(file[,default])}: looks the sample up among the file's keys with
     * the match method and returns the key's value, typed; the default (or no sample) otherwise.
     */
    static final class MapConverter implements Converter {

        private final PatternSet keys;
        private final SampleValue[] values;
        private final String[] rawValues;
        private final SampleValue fallback;
        private final SampleType input;
        private final boolean regm;

        private MapConverter(PatternSet keys, SampleValue[] values, String[] rawValues, SampleValue fallback,
                SampleType input, boolean regm) {
            this.keys = keys;
            this.values = values;
            this.rawValues = rawValues;
            this.fallback = fallback;
            this.input = input;
            this.regm = regm;
        }

        static MapConverter create(String name, String match, String output, Fetches.Args a, FileSource files) {
            String file = a.string(0, "");
            if (file.isEmpty()) {
                throw a.error("a map file is required");
            }
            List<String> keys = new ArrayList<>();
            List<String> raw = new ArrayList<>();
            for (String line : files.lines(file)) {
                String[] kv = MapFiles.entry(line);
                if (kv != null) {
                    keys.add(kv[0]);
                    raw.add(kv[1]);
                }
            }
            MatchMethod method = MatchMethod.of(match.equals("regm") ? "reg" : match);
            String origin = name + "(" + file + ")";
            PatternSet set = PatternSet.compile(method, false, keys, origin);
            SampleValue[] values = new SampleValue[raw.size()];
            for (int i = 0; i < raw.size(); i++) {
                values[i] = value(output, raw.get(i), origin);
            }
            SampleValue fallback = a.size() > 1 ? value(output, a.string(1, ""), origin + " default value") : null;
            SampleType input = set.input();
            return new MapConverter(set, values, raw.toArray(String[]::new), fallback, input, match.equals("regm"));
        }

        private static SampleValue value(String output, String text, String origin) {
            switch (output) {
                case "int":
                    if (!Numbers.isInt64(text)) {
                        throw new IllegalArgumentException(origin + ": '" + text + "' is not an integer");
                    }
                    return SampleValue.ofInt(Numbers.readInt64(text, 0, text.length()));
                case "ip": {
                    byte[] ip = Addresses.parseV4Strict(text);
                    if (ip == null) {
                        ip = Addresses.parseV6(text);
                    }
                    if (ip == null) {
                        throw new IllegalArgumentException(origin + ": '" + text + "' is not an IP address");
                    }
                    return SampleValue.ofAddressNoCopy(ip);
                }
                default:
                    return SampleValue.ofString(text);
            }
        }

        @Override
        public SampleValue apply(SampleValue v, Exchange x) {
            SampleValue in = input == null ? v.castToAddress() : v.castTo(input);
            if (in == null) {
                return null;
            }
            if (regm) {
                Matcher m = ((PatternSet.Regexes) keys).matcher(in.stringValue());
                if (m == null) {
                    return fallback;
                }
                StringBuilder out = new StringBuilder();
                substitute(out, rawValues[((PatternSet.Regexes) keys).indexOf(m)], m, in.stringValue());
                return SampleValue.ofString(out.toString());
            }
            int i = keys.find(in);
            return i < 0 ? fallback : values[i];
        }
    }
}
