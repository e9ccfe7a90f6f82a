package dev.sluice.runtime.l7;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The header fields of one HTTP message, as a list in the order they came: what a proxy does
 * with headers (read a few, remove the hop-by-hop ones, add one, write them all out in order)
 * costs less with a short array searched from the start than with Netty's hash table, which
 * makes a 16-bucket table and hashes every name of every message. A message has a dozen
 * fields; a search compares lengths first and then the bytes, ignoring case.
 *
 * <p>Names and values are checked as Netty's default headers check them (a name is a token, a
 * value holds no control character but tab), so a malformed request still fails to decode and
 * gets a 400.
 */
final class LiteHeaders extends HttpHeaders {

    /** Makes the headers and trailers of every message the HTTP codecs decode. */
    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return new LiteHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return new LiteHeaders();
        }
    };

    private static final Field[] NONE = new Field[0];

    /** One header field; the entries the encoder iterates over, so iterating allocates nothing. */
    private static final class Field implements Map.Entry<CharSequence, CharSequence> {

        final CharSequence name;
        final CharSequence value;

        Field(CharSequence name, CharSequence value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public CharSequence getKey() {
            return name;
        }

        @Override
        public CharSequence getValue() {
            return value;
        }

        @Override
        public CharSequence setValue(CharSequence v) {
            throw new UnsupportedOperationException("read-only entry");
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private Field[] fields = NONE;
    private int size;

    LiteHeaders() {
    }

    // ---- reading

    private int indexOf(CharSequence name, int from) {
        int length = name.length();
        for (int i = from; i < size; i++) {
            CharSequence n = fields[i].name;
            if (n.length() == length && AsciiString.contentEqualsIgnoreCase(n, name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public String get(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : fields[i].value.toString();
    }

    @Override
    public String get(CharSequence name, String defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Integer getInt(CharSequence name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer v = getInt(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Short getShort(CharSequence name) {
        Integer v = getInt(name);
        return v == null || v != v.shortValue() ? null : v.shortValue();
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short v = getShort(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        String v = get(name);
        Date d = v == null ? null : DateFormatter.parseHttpDate(v);
        return d == null ? null : d.getTime();
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long v = getTimeMillis(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            return List.of();
        }
        List<String> all = new ArrayList<>(2);
        for (; i >= 0; i = indexOf(name, i + 1)) {
            all.add(fields[i].value.toString());
        }
        return all;
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(new AbstractMap.SimpleImmutableEntry<>(fields[i].name.toString(), fields[i].value.toString()));
        }
        return all;
    }

    @Override
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(CharSequence name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(String name, String value, boolean ignoreCase) {
        return contains((CharSequence) name, value, ignoreCase);
    }

    @Override
    public boolean contains(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            CharSequence v = fields[i].value;
            if (ignoreCase ? AsciiString.contentEqualsIgnoreCase(v, value) : AsciiString.contentEquals(v, value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a field {@code name} lists {@code value} among its comma-separated elements. */
    @Override
    public boolean containsValue(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (listsElement(fields[i].value, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsElement(CharSequence list, CharSequence element, boolean ignoreCase) {
        int n = list.length();
        int start = 0;
        while (start <= n) {
            int end = start;
            while (end < n && list.charAt(end) != ',') {
                end++;
            }
            int a = start;
            int b = end;
            while (a < b && isSpace(list.charAt(a))) {
                a++;
            }
            while (b > a && isSpace(list.charAt(b - 1))) {
                b--;
            }
            if (b - a == element.length() && AsciiString.regionMatches(list, ignoreCase, a, element, 0, b - a)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return entries().iterator();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<CharSequence, CharSequence> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return fields[next++];
            }
        };
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add(fields[i].name.toString());
        }
        return names;
    }

    // ---- changing

    @Override
    public HttpHeaders add(String name, Object value) {
        return add((CharSequence) name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        append(checkedName(name), checkedValue(value));
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        return add((CharSequence) name, values);
    }

    @Override
    public HttpHeaders add(CharSequence name, Iterable<?> values) {
        CharSequence n = checkedName(name);
        for (Object v : values) {
            append(n, checkedValue(v));
        }
        return this;
    }

    @Override
    public HttpHeaders add(HttpHeaders headers) {
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            add(e.getKey(), e.getValue());
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        return add(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        return add(name, Short.toString(value));
    }

    @Override
    public HttpHeaders set(String name, Object value) {
        return set((CharSequence) name, value);
    }

    @Override
    public HttpHeaders set(CharSequence name, Object value) {
        CharSequence n = checkedName(name);
        CharSequence v = checkedValue(value);
        remove(n);
        append(n, v);
        return this;
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        return set((CharSequence) name, values);
    }

    @Override
    public HttpHeaders set(CharSequence name, Iterable<?> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public HttpHeaders set(HttpHeaders headers) {
        if (headers != this) {
            clear();
            add(headers);
        }
        return this;
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        return set(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        return set(name, Short.toString(value));
    }

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        int kept = indexOf(name, 0);
        if (kept < 0) {
            return this;
        }
        for (int i = kept + 1; i < size; i++) {
            Field f = fields[i];
            if (f.name.length() != name.length() || !AsciiString.contentEqualsIgnoreCase(f.name, name)) {
                fields[kept++] = f;
            }
        }
        Arrays.fill(fields, kept, size, null);
        size = kept;
        return this;
    }

    @Override
    public HttpHeaders clear() {
        Arrays.fill(fields, 0, size, null);
        size = 0;
        return this;
    }

    @Override
    public HttpHeaders copy() {
        LiteHeaders copy = new LiteHeaders();
        copy.fields = size == 0 ? NONE : Arrays.copyOf(fields, size);
        copy.size = size;
        return copy;
    }

    private void append(CharSequence name, CharSequence value) {
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size == 0 ? 8 : size * 2);
        }
        fields[size++] = new Field(name, value);
    }

    private static CharSequence checkedName(CharSequence name) {
        if (name == null || name.length() == 0) {
            throw new IllegalArgumentException("empty header name");
        }
        int bad = HttpHeaderValidationUtil.validateToken(name);
        if (bad >= 0) {
            throw new IllegalArgumentException("a header name must be a token: '" + name + "' has '"
                    + name.charAt(bad) + "' at " + bad);
        }
        return name;
    }

    private static CharSequence checkedValue(Object value) {
        if (value == null) {
            throw new NullPointerException("header value");
        }
        CharSequence v;
        if (value instanceof CharSequence cs) {
            v = cs;
        } else if (value instanceof Date d) {
            v = DateFormatter.format(d);
        } else if (value instanceof Calendar c) {
            v = DateFormatter.format(c.getTime());
        } else {
            v = value.toString();
        }
        int bad = HttpHeaderValidationUtil.validateValidHeaderValue(v);
        if (bad >= 0) {
            throw new IllegalArgumentException("a header value holds a forbidden character at " + bad);
        }
        return v;
    }
}
