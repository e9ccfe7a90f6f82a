package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.MatchMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A list of patterns compiled for one match method: what an ACL compares its sample with, and the
 * keys of a map. {@link #find} gives the index of the pattern that matches, chosen as HAProxy
 * chooses it: the longest prefix for exact-case {@code beg} and for {@code ip} (HAProxy's trees),
 * the first in order otherwise. Immutable.
 */
abstract class PatternSet {

    /** The index of the matching pattern, or -1; {@code v} is already of the method's type. */
    abstract int find(SampleValue v);

    /** The type a sample is converted to before {@link #find}: STR, SINT, BIN, or null for an address. */
    abstract SampleType input();

    /**
     * Compiles patterns for {@code method}.
     *
     * @param origin where the patterns come from, for errors
     * @throws IllegalArgumentException for a pattern the method cannot read
     */
    static PatternSet compile(MatchMethod method, boolean ignoreCase, List<String> patterns, String origin) {
        switch (method) {
            case STR:
                return new Exact(patterns, ignoreCase);
            case BEG:
                return new Prefix(patterns, ignoreCase);
            case END:
                return new Strings(patterns, ignoreCase, Strings.END);
            case SUB:
                return new Strings(patterns, ignoreCase, Strings.SUB);
            case DIR:
                return new Strings(patterns, ignoreCase, Strings.DIR);
            case DOM:
                return new Strings(patterns, ignoreCase, Strings.DOM);
            case REG:
            case REGM:
                return new Regexes(patterns, ignoreCase, origin);
            case INT:
                return new Ranges(patterns, false, origin);
            case LEN:
                return new Ranges(patterns, true, origin);
            case VER:
                return Ranges.dotted(patterns, origin);
            case IP:
                return new Ips(patterns, origin);
            case BIN:
                return new Binary(patterns);
            default:
                throw new IllegalArgumentException("match method '" + method.id() + "' is not supported by the runtime");
        }
    }

    /** Exact strings: a hash of the patterns (folded to lower case with {@code -i}). */
    private static final class Exact extends PatternSet {

        private final Map<String, Integer> index = new HashMap<>();
        private final boolean ignoreCase;

        Exact(List<String> patterns, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            for (int i = 0; i < patterns.size(); i++) {
                index.putIfAbsent(ignoreCase ? Bytes.lower(patterns.get(i)) : patterns.get(i), i);
            }
        }

        @Override
        int find(SampleValue v) {
            String s = v.stringValue();
            Integer i = index.get(ignoreCase ? Bytes.lower(s) : s);
            return i == null ? -1 : i;
        }

        @Override
        SampleType input() {
            return SampleType.STR;
        }
    }

    /** Prefixes: the longest matching one when case matters (HAProxy's prefix tree), else the first. */
    private static final class Prefix extends PatternSet {

        private final String[] patterns;
        private final boolean ignoreCase;

        Prefix(List<String> patterns, boolean ignoreCase) {
            this.patterns = patterns.toArray(String[]::new);
            this.ignoreCase = ignoreCase;
        }

        @Override
        int find(SampleValue v) {
            String s = v.stringValue();
            int best = -1;
            for (int i = 0; i < patterns.length; i++) {
                String p = patterns[i];
                if (p.length() <= s.length() && Bytes.regionMatches(s, 0, p, 0, p.length(), ignoreCase)) {
                    if (ignoreCase) {
                        return i;
                    }
                    if (best < 0 || p.length() > patterns[best].length()) {
                        best = i;
                    }
                }
            }
            return best;
        }

        @Override
        SampleType input() {
            return SampleType.STR;
        }
    }

    /** Suffix, substring, subdir and domain matches: the first matching pattern. */
    private static final class Strings extends PatternSet {

        static final int END = 0;
        static final int SUB = 1;
        static final int DIR = 2;
        static final int DOM = 3;

        private final String[] patterns;
        private final boolean ignoreCase;
        private final int kind;

        Strings(List<String> patterns, boolean ignoreCase, int kind) {
            this.patterns = patterns.toArray(String[]::new);
            this.ignoreCase = ignoreCase;
            this.kind = kind;
        }

        @Override
        int find(SampleValue v) {
            String s = v.stringValue();
            for (int i = 0; i < patterns.length; i++) {
                if (matches(s, patterns[i])) {
                    return i;
                }
            }
            return -1;
        }

        private boolean matches(String s, String p) {
            switch (kind) {
                case END:
                    return p.length() <= s.length()
                            && Bytes.regionMatches(s, s.length() - p.length(), p, 0, p.length(), ignoreCase);
                case SUB:
                    for (int c = 0; c + p.length() <= s.length(); c++) {
                        if (Bytes.regionMatches(s, c, p, 0, p.length(), ignoreCase)) {
                            return true;
                        }
                    }
                    return false;
                case DIR:
                    return matchWord(s, p, ignoreCase, "/?");
                default:
                    return matchWord(s, p, ignoreCase, "/?.:");
            }
        }

        @Override
        SampleType input() {
            return SampleType.STR;
        }
    }

    /**
     * True when {@code p}, its leading and trailing delimiters dropped, appears in {@code s} between
     * delimiters or the ends of {@code s}.
     */
    static boolean matchWord(String s, String p, boolean ignoreCase, String delimiters) {
        int ps = 0;
        int pl = p.length();
        while (pl > 0 && delimiters.indexOf(p.charAt(ps)) >= 0) {
            pl--;
            ps++;
        }
        while (pl > 0 && delimiters.indexOf(p.charAt(ps + pl - 1)) >= 0) {
            pl--;
        }
        if (pl == 0 || pl > s.length()) {
            return false;
        }
        boolean mayMatch = true;
        int end = s.length() - pl;
        for (int c = 0; c <= end; c++) {
            if (delimiters.indexOf(s.charAt(c)) >= 0) {
                mayMatch = true;
                continue;
            }
            if (!mayMatch) {
                continue;
            }
            if (Bytes.regionMatches(s, c, p, ps, pl, ignoreCase)
                    && (c == end || delimiters.indexOf(s.charAt(c + pl)) >= 0)) {
                return true;
            }
            mayMatch = false;
        }
        return false;
    }

    /** Regular expressions, searched anywhere in the sample; the first that matches. */
    static final class Regexes extends PatternSet {

        private final Pattern[] patterns;

        Regexes(List<String> patterns, boolean ignoreCase, String origin) {
            this.patterns = new Pattern[patterns.size()];
            for (int i = 0; i < patterns.size(); i++) {
                this.patterns[i] = Regex.compile(patterns.get(i), ignoreCase, origin);
            }
        }

        @Override
        int find(SampleValue v) {
            String s = v.stringValue();
            for (int i = 0; i < patterns.length; i++) {
                if (patterns[i].matcher(s).find()) {
                    return i;
                }
            }
            return -1;
        }

        /** The matcher of the first pattern that matches, positioned on its match; null when none does. */
        Matcher matcher(String s) {
            for (Pattern p : patterns) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    return m;
                }
            }
            return null;
        }

        int indexOf(Matcher m) {
            for (int i = 0; i < patterns.length; i++) {
                if (patterns[i] == m.pattern()) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        SampleType input() {
            return SampleType.STR;
        }
    }

    /** Integer ranges ({@code 80}, {@code 1024:}, {@code :1023}, {@code 1:5}), of the value or of its length. */
    private static final class Ranges extends PatternSet {

        private final long[] min;
        private final long[] max;
        private final boolean length;

        Ranges(List<String> patterns, boolean length, String origin) {
            this(patterns.stream().map(p -> range(p, origin)).toList(), length);
        }

        private Ranges(List<long[]> ranges, boolean length) {
            this.length = length;
            min = new long[ranges.size()];
            max = new long[ranges.size()];
            for (int i = 0; i < ranges.size(); i++) {
                min[i] = ranges.get(i)[0];
                max[i] = ranges.get(i)[1];
            }
        }

        /**
         * Dotted versions ({@code -m ver}, the ACLs of {@code req.ssl_ver}): {@code MAJOR[.MINOR]} is
         * the integer {@code MAJOR << 16 | MINOR}, as the fetch gives it; ranges are {@code A:B},
         * either bound left out.
         */
        static Ranges dotted(List<String> patterns, String origin) {
            List<long[]> ranges = new ArrayList<>();
            for (String p : patterns) {
                int colon = p.indexOf(':');
                try {
                    if (colon < 0) {
                        long v = version(p);
                        ranges.add(new long[] {v, v});
                    } else {
                        ranges.add(new long[] {colon == 0 ? Long.MIN_VALUE : version(p.substring(0, colon)),
                                colon == p.length() - 1 ? Long.MAX_VALUE : version(p.substring(colon + 1))});
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + p + "' is not a version (MAJOR.MINOR, or a range A:B) in "
                            + origin);
                }
            }
            return new Ranges(ranges, false);
        }

        private static long version(String text) {
            int dot = text.indexOf('.');
            long major = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            long minor = dot < 0 ? 0 : Long.parseLong(text.substring(dot + 1));
            if (major < 0 || minor < 0 || minor > 0xFFFF) {
                throw new NumberFormatException(text);
            }
            return major << 16 | minor;
        }

        @Override
        int find(SampleValue v) {
            long n = length ? v.stringValue().length() : v.longValue();
            for (int i = 0; i < min.length; i++) {
                if (min[i] <= n && n <= max[i]) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        SampleType input() {
            return length ? SampleType.STR : SampleType.SINT;
        }
    }

    /**
     * An integer pattern as HAProxy reads it: a number, or a range whose bounds are separated by the
     * first {@code :} or {@code -} and may each be left out ({@code -3} is {@code :3}).
     *
     * @return {min, max}
     */
    static long[] range(String text, String origin) {
        int sep = 0;
        while (sep < text.length() && text.charAt(sep) != ':' && text.charAt(sep) != '-') {
            sep++;
        }
        try {
            if (text.isEmpty()) {
                throw new NumberFormatException();
            }
            if (sep == text.length()) {
                long v = number(text);
                return new long[] {v, v};
            }
            if (sep == 0 && text.length() > 1) {
                try {
                    return new long[] {Long.MIN_VALUE, number(text.substring(1))};
                } catch (NumberFormatException e) {
                    // "-4:", as the compiler writes "gt -5": a negative lower bound
                    if (text.endsWith(":")) {
                        return new long[] {number(text.substring(0, text.length() - 1)), Long.MAX_VALUE};
                    }
                    throw e;
                }
            }
            if (sep == text.length() - 1) {
                return new long[] {number(text.substring(0, sep)), Long.MAX_VALUE};
            }
            long lo = number(text.substring(0, sep));
            long hi = number(text.substring(sep + 1));
            if (lo > hi) {
                throw new NumberFormatException();
            }
            return new long[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": '" + text + "' is not a valid number range");
        }
    }

    private static long number(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            throw new NumberFormatException();
        }
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                throw new NumberFormatException();
            }
        }
        return Long.parseLong(s);
    }

    /**
     * IPv4 and IPv6 networks. An IPv4 sample is looked up among the IPv4 networks, then as
     * {@code ::ffff:a.b.c.d} among the IPv6 ones; an IPv6 sample among the IPv6 networks, then,
     * when it carries an IPv4 address ({@code ::ffff:IPV4}, {@code ::IPV4}, {@code 2002:IPV4::}),
     * among the IPv4 ones. The longest matching prefix wins (masks that are not prefixes last).
     */
    static final class Ips extends PatternSet {

        private final int[] v4Index;
        private final int[] v4Address;
        private final int[] v4Mask;
        private final int[] v4Prefix;
        private final int[] v6Index;
        private final byte[][] v6Address;
        private final int[] v6Prefix;

        Ips(List<String> patterns, String origin) {
            int[] index4 = new int[patterns.size()];
            int[] address4 = new int[patterns.size()];
            int[] mask4 = new int[patterns.size()];
            int[] prefix4 = new int[patterns.size()];
            int[] index6 = new int[patterns.size()];
            byte[][] address6 = new byte[patterns.size()][];
            int[] prefix6 = new int[patterns.size()];
            int n4 = 0;
            int n6 = 0;
            for (int i = 0; i < patterns.size(); i++) {
                String p = patterns.get(i);
                int[] v4 = parseV4Network(p);
                if (v4 != null) {
                    index4[n4] = i;
                    address4[n4] = v4[0];
                    mask4[n4] = v4[1];
                    prefix4[n4] = prefixLength(v4[1]);
                    n4++;
                    continue;
                }
                Object[] v6 = parseV6Network(p);
                if (v6 != null) {
                    index6[n6] = i;
                    address6[n6] = (byte[]) v6[0];
                    prefix6[n6] = (Integer) v6[1];
                    n6++;
                    continue;
                }
                throw new IllegalArgumentException(origin + ": '" + p + "' is not a valid IPv4 or IPv6 address"
                        + (looksLikeHostName(p) ? " (host names are never resolved here: write an address)" : ""));
            }
            v4Index = java.util.Arrays.copyOf(index4, n4);
            v4Address = java.util.Arrays.copyOf(address4, n4);
            v4Mask = java.util.Arrays.copyOf(mask4, n4);
            v4Prefix = java.util.Arrays.copyOf(prefix4, n4);
            v6Index = java.util.Arrays.copyOf(index6, n6);
            v6Address = java.util.Arrays.copyOf(address6, n6);
            v6Prefix = java.util.Arrays.copyOf(prefix6, n6);
        }

        @Override
        int find(SampleValue v) {
            byte[] a = v.addressUnsafe();
            if (a.length == 4) {
                int found = findV4(Addresses.toInt(a), true);
                if (found >= 0) {
                    return found;
                }
                found = findV6(Addresses.v4ToV6(a));
                return found >= 0 ? found : findV4(Addresses.toInt(a), false);
            }
            int found = findV6(a);
            if (found >= 0) {
                return found;
            }
            byte[] v4 = Addresses.v6ToV4(a);
            if (v4 == null) {
                return -1;
            }
            found = findV4(Addresses.toInt(v4), true);
            return found >= 0 ? found : findV4(Addresses.toInt(v4), false);
        }

        private int findV4(int address, boolean prefixes) {
            int best = -1;
            for (int i = 0; i < v4Address.length; i++) {
                if ((v4Prefix[i] >= 0) != prefixes || ((address ^ v4Address[i]) & v4Mask[i]) != 0) {
                    continue;
                }
                if (!prefixes) {
                    return v4Index[i];
                }
                if (best < 0 || v4Prefix[i] > v4Prefix[best]) {
                    best = i;
                }
            }
            return best < 0 ? -1 : v4Index[best];
        }

        private int findV6(byte[] address) {
            int best = -1;
            for (int i = 0; i < v6Address.length; i++) {
                if (matchesPrefix(address, v6Address[i], v6Prefix[i]) && (best < 0 || v6Prefix[i] > v6Prefix[best])) {
                    best = i;
                }
            }
            return best < 0 ? -1 : v6Index[best];
        }

        private static boolean matchesPrefix(byte[] a, byte[] network, int bits) {
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return ((a[full] ^ network[full]) & mask) == 0;
        }

        private static int prefixLength(int mask) {
            int bits = Integer.bitCount(mask);
            int expected = bits == 0 ? 0 : -1 << (32 - bits);
            return mask == expected ? bits : -1;
        }

        @Override
        SampleType input() {
            return null;
        }
    }

    /** {address, mask} of an IPv4 pattern {@code addr[/bits|/dotted-mask]}; null when it is not one. */
    static int[] parseV4Network(String p) {
        int slash = p.lastIndexOf('/');
        String address = slash < 0 ? p : p.substring(0, slash);
        byte[] a = Addresses.parseV4Pattern(address);
        if (a == null) {
            return null;
        }
        int mask = -1;
        if (slash >= 0) {
            String m = p.substring(slash + 1);
            if (!m.isEmpty() && m.chars().allMatch(c -> c >= '0' && c <= '9') && m.length() <= 2) {
                int bits = Integer.parseInt(m);
                if (bits > 32) {
                    return null;
                }
                mask = bits == 0 ? 0 : -1 << (32 - bits);
            } else {
                byte[] dotted = Addresses.parseV4Strict(m);
                if (dotted == null) {
                    return null;
                }
                mask = Addresses.toInt(dotted);
            }
        }
        return new int[] {Addresses.toInt(a), mask};
    }

    /** {address, bits} of an IPv6 pattern {@code addr[/bits]}; null when it is not one. */
    static Object[] parseV6Network(String p) {
        int slash = p.lastIndexOf('/');
        byte[] a = Addresses.parseV6(slash < 0 ? p : p.substring(0, slash));
        if (a == null) {
            return null;
        }
        int bits = 128;
        if (slash >= 0) {
            String m = p.substring(slash + 1);
            if (m.isEmpty() || m.length() > 3 || !m.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            bits = Integer.parseInt(m);
            if (bits > 128) {
                return null;
            }
        }
        return new Object[] {a, bits};
    }

    private static boolean looksLikeHostName(String p) {
        return !p.isEmpty() && p.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '/')
                && p.chars().anyMatch(Character::isLetter);
    }

    /** Hexadecimal blocks compared byte for byte. */
    private static final class Binary extends PatternSet {

        private final String[] patterns;

        Binary(List<String> patterns) {
            this.patterns = patterns.stream().map(Hex::decode).toArray(String[]::new);
        }

        @Override
        int find(SampleValue v) {
            String s = v.stringValue();
            for (int i = 0; i < patterns.length; i++) {
                if (patterns[i].equals(s)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        SampleType input() {
            return SampleType.BIN;
        }
    }

    /** Regular expressions, compiled once. */
    static final class Regex {

        private Regex() {}

        static Pattern compile(String regex, boolean ignoreCase, String origin) {
            try {
                return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(origin + ": regular expression '" + regex + "' does not compile: "
                        + e.getDescription());
            }
        }
    }
}
