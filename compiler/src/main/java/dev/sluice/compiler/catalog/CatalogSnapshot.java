package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The shipped catalog: per catalogued version, a snapshot of exactly what its {@link CatalogView}
 * holds, which {@link CatalogSnapshotWriter} derives from {@code keywords.json} during the build,
 * plus an index of the versions. Reading one takes a few milliseconds in a fresh JVM, so this
 * class sticks to what such a JVM has ready: a byte array and plain loops, without Jackson,
 * lambdas, string concatenation, regular expressions or record {@code equals}/{@code hashCode}
 * (each would bootstrap or load machinery first). And it decodes a record only when asked for it
 * ({@link LazyMap}): a check looks up a few dozen of the thousands a version has.
 *
 * <p>The format, private to one build (writer and reader ship together): a header (the int
 * {@link #MAGIC}, then {@link #FORMAT}); for the index, the versions; for a view, a string table
 * and a version table, then the view's sets and maps in the order {@code Reader.body} reads them.
 * A set is its size and its strings; a map its size, then per entry, in name order, the name, the
 * byte length of the value and the value: a record field by field, in the order of its
 * components. Sizes, lengths and table references are unsigned varints (seven bits a byte, low
 * bits first; a reference to an optional value is 0 for empty, else the index plus one); booleans
 * are a byte, {@code int} and {@code long} fields big-endian; strings UTF-8 after their byte count.
 */
final class CatalogSnapshot implements KeywordCatalog.Source {

    /** {@code SLKC}: Sluice keyword catalog. */
    static final int MAGIC = 0x534c4b43;
    /** The format's version; the writer and the reader must agree on it. */
    static final int FORMAT = 2;
    /** The index of the snapshots, beside this class. */
    static final String INDEX = "snapshot/versions.bin";
    /** This class's package as a resource path. */
    private static final String PACKAGE_PATH = CatalogSnapshot.class.getPackageName().replace('.', '/').concat("/");

    // What the values of a map are, for decoding them.
    private static final int KEYWORD = 0;
    private static final int REMOVED = 1;
    private static final int BIND_OPTION = 2;
    private static final int SERVER_OPTION = 3;
    private static final int ACTION = 4;
    private static final int FETCH = 5;
    private static final int CONVERTER = 6;
    private static final int ACL_KEYWORD = 7;
    private static final int BOOLEAN = 8;
    private static final int STRING = 9;

    /** The resource, beside this class, holding the snapshot of {@code version}. */
    static String resource(HaproxyVersion version) {
        // a StringBuilder, not +: the first string concatenation bootstraps a method handle
        StringBuilder sb = new StringBuilder("snapshot/").append(version.major()).append('.').append(version.minor());
        if (version.patch() != 0) {
            sb.append('.').append(version.patch());
        }
        return sb.append(".bin").toString();
    }

    /** The catalogued versions, from the index on the class path. */
    static List<HaproxyVersion> versions() {
        return new Reader(bytes(INDEX)).index();
    }

    @Override
    public CatalogView view(HaproxyVersion version) {
        CatalogView view = read(bytes(resource(version)));
        if (view.version().compareTo(version) != 0) {
            throw new IllegalStateException("the keyword catalog snapshot " + resource(version)
                    + " describes version " + view.version());
        }
        return view;
    }

    /** Reads a snapshot as {@link CatalogSnapshotWriter#write(CatalogView)} wrote it. */
    static CatalogView read(byte[] snapshot) {
        return new Reader(snapshot).view();
    }

    /**
     * The bytes of a resource beside this class. {@link Class#getResourceAsStream} first searches
     * the JDK's modules, then opens a URL connection to the jar: some milliseconds in a fresh JVM,
     * more than decoding a snapshot. So when this class was loaded from a directory or a jar file,
     * the resource is read there directly (a {@link ZipFile} of a jar the class loader has open
     * shares its already-read directory), and only otherwise through the class loader.
     */
    private static byte[] bytes(String resource) {
        String entry = new StringBuilder(PACKAGE_PATH).append(resource).toString();
        try {
            File origin = origin();
            if (origin != null && origin.isDirectory()) {
                File file = new File(origin, entry);
                if (file.isFile()) {
                    try (InputStream in = new FileInputStream(file)) {
                        return in.readAllBytes();
                    }
                }
            } else if (origin != null && origin.isFile()) {
                try (ZipFile jar = new ZipFile(origin)) {
                    ZipEntry e = jar.getEntry(entry);
                    if (e != null) {
                        try (InputStream in = jar.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    }
                }
            }
            try (InputStream in = CatalogSnapshot.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the keyword catalog snapshot " + resource
                            + " is missing from the class path (the build derives it from "
                            + KeywordCatalog.RESOURCE + ")");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyword catalog snapshot " + resource, e);
        }
    }

    /** The directory or jar file this class was loaded from, when it was loaded from a file. */
    private static File origin() {
        CodeSource source = CatalogSnapshot.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            return new File(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A cursor over a snapshot's bytes; the cursors of one snapshot share its tables. */
    private static final class Reader {

        private final byte[] data;
        private final String[] strings;
        private final HaproxyVersion[] versions;
        private int pos;

        /** A cursor at the start of {@code data}, for its header and tables. */
        Reader(byte[] data) {
            this(data, null, null, 0);
        }

        private Reader(byte[] data, String[] strings, HaproxyVersion[] versions, int pos) {
            this.data = data;
            this.strings = strings;
            this.versions = versions;
            this.pos = pos;
        }

        /** A cursor at {@code offset} of the same snapshot. */
        Reader at(int offset) {
            return new Reader(data, strings, versions, offset);
        }

        List<HaproxyVersion> index() {
            header();
            HaproxyVersion[] table = versionTable();
            end();
            return List.of(table);
        }

        CatalogView view() {
            header();
            String[] stringTable = new String[count()];
            for (int i = 0; i < stringTable.length; i++) {
                int n = count();
                stringTable[i] = new String(data, pos, n, StandardCharsets.UTF_8);
                pos += n;
            }
            return new Reader(data, stringTable, versionTable(), pos).body();
        }

        private CatalogView body() {
            HaproxyVersion version = version();
            Set<String> sectionTypes = stringSet();
            Map<String, Map<String, KeywordSpec>> keywords = grouped(KEYWORD);
            Map<String, Map<String, RemovedKeyword>> removed = grouped(REMOVED);
            Map<String, OptionSpec> bindOptions = map(BIND_OPTION);
            Map<String, OptionSpec> serverOptions = map(SERVER_OPTION);
            Map<String, Map<String, ActionSpec>> actions = grouped(ACTION);
            Set<String> services = stringSet();
            Map<String, FetchSpec> fetches = map(FETCH);
            Map<String, ConverterSpec> converters = map(CONVERTER);
            Map<String, AclKeywordSpec> aclKeywords = map(ACL_KEYWORD);
            Map<String, Boolean> aclFlags = map(BOOLEAN);
            Set<String> matchMethods = stringSet();
            Map<String, String> predefinedAcls = map(STRING);
            end();
            return new CatalogView(version, sectionTypes, keywords, removed, bindOptions, serverOptions, actions,
                    services, fetches, converters, aclKeywords, aclFlags, matchMethods, predefinedAcls);
        }

        private void header() {
            if (int32() != MAGIC || count() != FORMAT) {
                throw new IllegalStateException("the keyword catalog snapshot is not in format " + FORMAT);
            }
        }

        private void end() {
            if (pos != data.length) {
                throw new IllegalStateException("the keyword catalog snapshot has " + (data.length - pos)
                        + " bytes after its end");
            }
        }

        private HaproxyVersion[] versionTable() {
            HaproxyVersion[] out = new HaproxyVersion[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new HaproxyVersion(count(), count(), count());
            }
            return out;
        }

        // --- maps and records ---------------------------------------------------------------

        private <T> Map<String, Map<String, T>> grouped(int kind) {
            int n = count();
            Map<String, Map<String, T>> out = new LinkedHashMap<>(capacity(n));
            for (int i = 0; i < n; i++) {
                String group = string();
                out.put(group, map(kind));
            }
            return out;
        }

        /** A map's names, and where each value starts: the values wait for {@link LazyMap#get}. */
        private <T> Map<String, T> map(int kind) {
            String[] names = new String[count()];
            int[] offsets = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = string();
                int length = count();
                offsets[i] = pos;
                pos += length;
            }
            return new LazyMap<>(this, kind, names, offsets);
        }

        // Arguments are evaluated left to right (JLS 15.7.4): the constructor calls below read the
        // fields in the order of the record's components, which is the order the writer writes.
        private Object value(int kind) {
            switch (kind) {
                case KEYWORD:
                    return new KeywordSpec(string(), string(), version(), optVersion(), Usage.values()[count()], bool(),
                            optVersion(), bool(), bool(), bool(), stringList(), args(), int32(), optInt(), optString());
                case REMOVED:
                    return new RemovedKeyword(string(), string(), version(), string(), optString(), optString());
                case BIND_OPTION:
                case SERVER_OPTION:
                    return new OptionSpec(kind == BIND_OPTION ? OptionSpec.Kind.BIND : OptionSpec.Kind.SERVER, string(),
                            version(), optVersion(), int32(), bool(), bool() ? Optional.of(arg()) : Optional.empty(),
                            stringList(), bool(), bool(), optVersion(), bool(), optString());
                case ACTION:
                    return new ActionSpec(string(), string(), version(), optVersion(), bool(), bool(), stringList(),
                            optVersion());
                case FETCH:
                    return new FetchSpec(string(), version(), optVersion(), sampleArgs(), int32(), int32(), bool(),
                            string(), stringList(), Set.of(stringArray()));
                case CONVERTER:
                    return new ConverterSpec(string(), version(), optVersion(), sampleArgs(), int32(), int32(), bool(),
                            string(), string());
                case ACL_KEYWORD:
                    return new AclKeywordSpec(string(), version(), optVersion(), string(), string());
                case BOOLEAN:
                    return bool() ? Boolean.TRUE : Boolean.FALSE;
                case STRING:
                    return string();
                default:
                    throw new IllegalArgumentException("no record kind " + kind);
            }
        }

        private List<ArgSpec> args() {
            ArgSpec[] out = new ArgSpec[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = arg();
            }
            return List.of(out);
        }

        private ArgSpec arg() {
            return new ArgSpec(string(), ArgType.values()[count()], bool(), bool(), stringList(), optString(),
                    optLong(), optLong());
        }

        private List<SampleArg> sampleArgs() {
            SampleArg[] out = new SampleArg[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new SampleArg(string(), bool());
            }
            return List.of(out);
        }

        /** The initial capacity of a hash map that holds {@code n} entries without growing. */
        private static int capacity(int n) {
            return n + n / 3 + 1;
        }

        // --- values -------------------------------------------------------------------------

        private int count() {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[pos++];
                value |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        private int int32() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = value << 8 | data[pos++] & 0xff;
            }
            return value;
        }

        private long int64() {
            return (long) int32() << 32 | int32() & 0xffffffffL;
        }

        private boolean bool() {
            return data[pos++] != 0;
        }

        private String string() {
            return strings[count()];
        }

        private Optional<String> optString() {
            int ref = count();
            return ref == 0 ? Optional.empty() : Optional.of(strings[ref - 1]);
        }

        private String[] stringArray() {
            String[] out = new String[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = string();
            }
            return out;
        }

        private List<String> stringList() {
            return List.of(stringArray());
        }

        private Set<String> stringSet() {
            int n = count();
            Set<String> out = new LinkedHashSet<>(capacity(n));
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        private HaproxyVersion version() {
            return versions[count()];
        }

        private Optional<HaproxyVersion> optVersion() {
            int ref = count();
            return ref == 0 ? Optional.empty() : Optional.of(versions[ref - 1]);
        }

        private OptionalInt optInt() {
            return bool() ? OptionalInt.of(int32()) : OptionalInt.empty();
        }

        private OptionalLong optLong() {
            return bool() ? OptionalLong.of(int64()) : OptionalLong.empty();
        }
    }

    /**
     * A map of a snapshot that decodes a value the first time it is asked for. Its names are
     * decoded at once, sorted (the writer writes them so), which makes a lookup a binary search
     * and iteration the view's order. Read-only; safe for concurrent use.
     */
    private static final class LazyMap<V> extends AbstractMap<String, V> {

        private final Reader snapshot;
        private final int kind;
        private final String[] names;
        private final int[] offsets;
        private final Object[] values;
        private volatile int[] slots;

        LazyMap(Reader snapshot, int kind, String[] names, int[] offsets) {
            this.snapshot = snapshot;
            this.kind = kind;
            this.names = names;
            this.offsets = offsets;
            this.values = new Object[names.length];
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return index(key) >= 0;
        }

        @Override
        public V get(Object key) {
            int i = index(key);
            return i < 0 ? null : value(i);
        }

        @Override
        public Set<String> keySet() {
            return new Names();
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            return new Entries();
        }

        /**
         * The position of {@code key} in {@link #names}, or -1. A check looks up every directive's
         * keyword, so lookups go through a hash table (open addressing, built on the first one)
         * rather than a binary search of string comparisons.
         */
        private int index(Object key) {
            if (!(key instanceof String name)) {
                return -1;
            }
            int[] t = slots;
            if (t == null) {
                t = slots();
                slots = t;
            }
            int mask = t.length - 1;
            for (int h = spread(name.hashCode()) & mask; ; h = (h + 1) & mask) {
                int i = t[h] - 1;
                if (i < 0) {
                    return -1;
                }
                if (names[i].equals(name)) {
                    return i;
                }
            }
        }

        /** Each slot holds a name's position plus one, 0 when empty; at most half the slots are used. */
        private int[] slots() {
            int size = Integer.highestOneBit(Math.max(1, names.length) * 2) * 2;
            int[] t = new int[size];
            int mask = size - 1;
            for (int i = 0; i < names.length; i++) {
                int h = spread(names[i].hashCode()) & mask;
                while (t[h] != 0) {
                    h = (h + 1) & mask;
                }
                t[h] = i + 1;
            }
            return t;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        @SuppressWarnings("unchecked")
        private synchronized V value(int i) {
            if (values[i] == null) {
                values[i] = snapshot.at(offsets[i]).value(kind);
            }
            return (V) values[i];
        }

        /** The names, without decoding a value. */
        private final class Names extends AbstractSet<String> {
            @Override
            public Iterator<String> iterator() {
                return Arrays.asList(names).iterator();
            }

            @Override
            public int size() {
                return names.length;
            }

            @Override
            public boolean contains(Object o) {
                return index(o) >= 0;
            }
        }

        /** The entries, every value decoded. */
        private final class Entries extends AbstractSet<Map.Entry<String, V>> {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                List<Map.Entry<String, V>> entries = new ArrayList<>(names.length);
                for (int i = 0; i < names.length; i++) {
                    entries.add(new SimpleImmutableEntry<>(names[i], value(i)));
                }
                return Collections.unmodifiableList(entries).iterator();
            }

            @Override
            public int size() {
                return names.length;
            }
        }
    }
}
