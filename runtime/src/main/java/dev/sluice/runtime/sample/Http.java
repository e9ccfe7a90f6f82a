package dev.sluice.runtime.sample;

import java.util.List;

/** How HAProxy reads the parts of an HTTP request: the target, header values, cookies, parameters. */
final class Http {

    private Http() {}

    // ---- the request target

    /**
     * Where the path starts in a request target: at its first slash, after the scheme and
     * authority of an absolute URI; -1 for {@code *}, an authority ({@code host:port}) or an
     * absolute URI without a path.
     */
    static int pathStart(String target) {
        int n = target.length();
        if (n == 0 || target.charAt(0) == '*') {
            return -1;
        }
        int p = 0;
        char c = target.charAt(0);
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            p++;
            while (p < n && isSchemeChar(target.charAt(p))) {
                p++;
            }
            if (p == n || target.charAt(p++) != ':') {
                return -1;
            }
            if (p == n || target.charAt(p++) != '/') {
                return -1;
            }
            if (p == n || target.charAt(p++) != '/') {
                return -1;
            }
        }
        while (p < n && target.charAt(p) != '/') {
            p++;
        }
        return p == n ? -1 : p;
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-'
                || c == '.';
    }

    /** The path: from its first slash to the question mark; null when there is none. */
    static String path(String target) {
        int start = pathStart(target);
        if (start < 0) {
            return null;
        }
        int q = target.indexOf('?', start);
        return target.substring(start, q < 0 ? target.length() : q);
    }

    // ---- header values

    /** True when a header line is named {@code name}; a null or empty name stands for every header. */
    static boolean named(Header h, String name) {
        return name == null || name.isEmpty() || h.name().equalsIgnoreCase(name);
    }

    /**
     * The end of the comma-delimited value starting at {@code from}: the next comma outside a
     * quoted string ({@code "a,b"}, with backslash escapes), or the end.
     */
    static int valueEnd(String v, int from) {
        boolean quoted = false;
        boolean pair = false;
        int n = v.length();
        for (int i = from; i < n; i++) {
            char c = v.charAt(i);
            if (pair) {
                pair = false;
            } else if (quoted) {
                if (c == '\\') {
                    pair = true;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return i;
            }
        }
        return n;
    }

    /** {@code v[from, to)} without leading and trailing white space. */
    static String trimmed(String v, int from, int to) {
        while (from < to && Bytes.isLws(v.charAt(from))) {
            from++;
        }
        while (to > from && Bytes.isLws(v.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == v.length() ? v : v.substring(from, to);
    }

    /** How many values the headers named {@code name} have: lines, or comma-delimited values when {@code split}. */
    static int count(List<Header> headers, String name, boolean split) {
        int count = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            if (!named(h, name)) {
                continue;
            }
            if (!split) {
                count++;
                continue;
            }
            String v = h.value();
            int pos = 0;
            while (true) {
                count++;
                int end = valueEnd(v, pos);
                if (end >= v.length()) {
                    break;
                }
                pos = end + 1;
            }
        }
        return count;
    }

    /**
     * The {@code occ}-th value of the headers named {@code name}: counting from the first (1) when
     * positive, from the last (-1) when negative; null when there are fewer.
     */
    static String occurrence(List<Header> headers, String name, boolean split, int occ) {
        if (occ < 0) {
            occ = count(headers, name, split) + occ + 1;
            if (occ <= 0) {
                return null;
            }
        }
        int seen = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            if (!named(h, name)) {
                continue;
            }
            String v = h.value();
            if (!split) {
                if (++seen == occ) {
                    return v;
                }
                continue;
            }
            int pos = 0;
            while (true) {
                int end = valueEnd(v, pos);
                if (++seen == occ) {
                    return trimmed(v, pos, end);
                }
                if (end >= v.length()) {
                    break;
                }
                pos = end + 1;
            }
        }
        return null;
    }

    /** Offers every value of the headers named {@code name} to {@code sink}, until it accepts one. */
    static boolean anyValue(List<Header> headers, String name, boolean split, Exchange x, ValueSink sink) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            if (!named(h, name)) {
                continue;
            }
            String v = h.value();
            if (!split) {
                if (sink.accept(SampleValue.ofString(v), x)) {
                    return true;
                }
                continue;
            }
            int pos = 0;
            while (true) {
                int end = valueEnd(v, pos);
                if (sink.accept(SampleValue.ofString(trimmed(v, pos, end)), x)) {
                    return true;
                }
                if (end >= v.length()) {
                    break;
                }
                pos = end + 1;
            }
        }
        return false;
    }

    /** The first value (comma-delimited) of the first header named {@code name}, or null. */
    static String first(List<Header> headers, String name) {
        return occurrence(headers, name, true, 1);
    }

    // ---- cookies

    /**
     * Finds the next cookie {@code name} (any cookie when empty) in {@code h[from, to)}, the way
     * HAProxy reads {@code Cookie} lines ({@code list}: {@code ;} and {@code ,} both delimit) or
     * {@code Set-Cookie} lines (only the first {@code name=value} counts). Names starting with
     * {@code $} and words without {@code =} are skipped.
     *
     * @param bounds receives the value's start and end
     * @return where to go on searching, or -1 when there is no such cookie
     */
    static int nextCookie(String h, int from, int to, String name, boolean list, int[] bounds) {
        int nameLength = name.length();
        for (int att = from; att + nameLength + 1 < to; ) {
            while (att < to && Bytes.isSpaceOrTab(h.charAt(att))) {
                att++;
            }
            int equal = att;
            int attEnd = att;
            while (equal < to) {
                char c = h.charAt(equal);
                if (c == '=' || c == ';' || (list && c == ',')) {
                    break;
                }
                equal++;
                if (!Bytes.isSpaceOrTab(c)) {
                    attEnd = equal;
                }
            }
            int valStart;
            int valEnd;
            int next;
            if (equal < to && h.charAt(equal) == '=') {
                valStart = equal + 1;
                while (valStart < to && Bytes.isSpaceOrTab(h.charAt(valStart))) {
                    valStart++;
                }
                next = cookieValueEnd(h, valStart, to);
                valEnd = next;
                while (valEnd > valStart && Bytes.isSpaceOrTab(h.charAt(valEnd - 1))) {
                    valEnd--;
                }
            } else {
                valStart = equal;
                valEnd = equal;
                next = equal;
            }
            boolean skip = (att < to && h.charAt(att) == '$') || equal == next;
            if (!skip && (nameLength == 0
                    || (attEnd - att == nameLength && h.regionMatches(att, name, 0, nameLength)))) {
                bounds[0] = valStart;
                bounds[1] = valEnd;
                return next + 1;
            }
            if (!skip && !list) {
                break;
            }
            att = next + 1;
        }
        return -1;
    }

    private static int cookieValueEnd(String h, int s, int e) {
        boolean quoted = false;
        boolean pair = false;
        for (; s < e; s++) {
            char c = h.charAt(s);
            if (pair) {
                pair = false;
            } else if (quoted) {
                if (c == '\\') {
                    pair = true;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';') {
                return s;
            }
        }
        return s;
    }

    // ---- URL parameters

    static boolean isParamDelimiter(char c, char delim) {
        return c == '&' || c == ';' || c == delim;
    }

    /**
     * Finds the next parameter {@code name} (any parameter with a value when empty) in
     * {@code s[pos, end)}: a parameter starts the list or follows {@code &}, {@code ;} or
     * {@code delim}, its name is compared as it is, and its value runs to the next delimiter.
     *
     * @param bounds receives the value's start and end
     * @return where to go on searching, or -1 when there is no such parameter
     */
    static int nextParam(String s, int pos, int end, String name, char delim, int[] bounds) {
        int valueStart;
        if (!name.isEmpty()) {
            int p = pos;
            while (true) {
                if (p >= end) {
                    return -1;
                }
                int equal = p + name.length();
                if (equal >= end) {
                    return -1;
                }
                if (s.charAt(equal) == '=' && s.regionMatches(p, name, 0, name.length())) {
                    break;
                }
                while (p < end && !isParamDelimiter(s.charAt(p), delim)) {
                    p++;
                }
                p++;
            }
            valueStart = p + name.length() + 1;
        } else {
            int equal = s.indexOf('=', pos);
            if (equal < 0 || equal >= end) {
                return -1;
            }
            valueStart = equal + 1;
        }
        int valueEnd = valueStart;
        while (valueEnd < end && !isParamDelimiter(s.charAt(valueEnd), delim)) {
            valueEnd++;
        }
        bounds[0] = valueStart;
        bounds[1] = valueEnd;
        return valueEnd;
    }
}
