package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the snapshots Sluice ships from {@code keywords.json}: the compiler module's build runs
 * it after compiling ({@code process-classes}) with the classes directory as its argument, and it
 * writes there, beside the copied {@code keywords.json}, the index and one snapshot per catalogued
 * version in the format {@link CatalogSnapshot} describes and reads.
 */
public final class CatalogSnapshotWriter {

    /** Where the view's sets and maps go, after the tables; {@link #encoded} points it elsewhere for a while. */
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, Integer> stringIds = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private final Map<HaproxyVersion, Integer> versionIds = new HashMap<>();
    private final List<HaproxyVersion> versions = new ArrayList<>();

    private CatalogSnapshotWriter() {
    }

    /** Writes the snapshots into the classes directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CatalogSnapshotWriter CLASSES_DIRECTORY");
        }
        Path dir = Path.of(args[0]).resolve(CatalogSnapshotWriter.class.getPackageName().replace('.', '/'));
        CatalogJson catalog;
        try (InputStream in = Files.newInputStream(dir.resolve(KeywordCatalog.RESOURCE))) {
            catalog = CatalogJson.read(in);
        }
        Files.createDirectories(dir.resolve(CatalogSnapshot.INDEX).getParent());
        for (HaproxyVersion v : catalog.versions()) {
            Files.write(dir.resolve(CatalogSnapshot.resource(v)), write(catalog.view(v)));
        }
        Files.write(dir.resolve(CatalogSnapshot.INDEX), index(catalog.versions()));
    }

    /** The index of the snapshots of {@code versions}. */
    static byte[] index(List<HaproxyVersion> versions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out);
        versionTable(out, versions);
        return out.toByteArray();
    }

    /** The snapshot of {@code view}. */
    static byte[] write(CatalogView view) {
        CatalogSnapshotWriter w = new CatalogSnapshotWriter();
        w.version(view.version);
        w.stringSet(view.sectionTypes);
        w.grouped(view.keywords);
        w.grouped(view.removed);
        w.map(view.bindOptions);
        w.map(view.serverOptions);
        w.grouped(view.actions);
        w.stringSet(view.services);
        w.map(view.fetches);
        w.map(view.converters);
        w.map(view.aclKeywords);
        w.map(view.aclFlags);
        w.stringSet(view.matchMethods);
        w.map(view.predefinedAcls);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out);
        count(out, w.strings.size());
        for (String s : w.strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            count(out, utf8.length);
            out.writeBytes(utf8);
        }
        versionTable(out, w.versions);
        out.writeBytes(w.body.toByteArray());
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out) {
        int32(out, CatalogSnapshot.MAGIC);
        count(out, CatalogSnapshot.FORMAT);
    }

    private static void versionTable(ByteArrayOutputStream out, List<HaproxyVersion> versions) {
        count(out, versions.size());
        for (HaproxyVersion v : versions) {
            count(out, v.major());
            count(out, v.minor());
            count(out, v.patch());
        }
    }

    // --- maps and records -------------------------------------------------------------------

    private void grouped(Map<String, ? extends Map<String, ?>> groups) {
        count(body, groups.size());
        for (Map.Entry<String, ? extends Map<String, ?>> e : groups.entrySet()) {
            string(e.getKey());
            map(e.getValue());
        }
    }

    /** Writes a map's entries in name order, each value after its length, for the reader to skip. */
    private void map(Map<String, ?> m) {
        count(body, m.size());
        String previous = null;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String name = e.getKey();
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new IllegalArgumentException("a snapshot map lists its names in order: " + name + " after "
                        + previous);
            }
            previous = name;
            string(name);
            byte[] value = encoded(e.getValue());
            count(body, value.length);
            body.writeBytes(value);
        }
    }

    /** A value as {@link #value} writes it, its strings and versions entering the tables as they go. */
    private byte[] encoded(Object value) {
        ByteArrayOutputStream outer = body;
        body = new ByteArrayOutputStream();
        try {
            value(value);
            return body.toByteArray();
        } finally {
            body = outer;
        }
    }

    /** Writes a record's components in their declared order, which is the order the reader reads. */
    private void value(Object value) {
        if (value instanceof KeywordSpec k) {
            string(k.section());
            string(k.name());
            version(k.since());
            optVersion(k.last());
            count(body, k.usage().ordinal());
            bool(k.negatable());
            optVersion(k.deprecatedSince());
            bool(k.experimental());
            bool(k.documented());
            bool(k.registered());
            stringList(k.syntax());
            count(body, k.args().size());
            for (ArgSpec a : k.args()) {
                arg(a);
            }
            int32(body, k.minArgs());
            optInt(k.maxArgs());
            optString(k.ruleSet());
        } else if (value instanceof RemovedKeyword r) {
            string(r.section());
            string(r.name());
            version(r.since());
            string(r.message());
            optString(r.replacement());
            optString(r.removedIn());
        } else if (value instanceof OptionSpec o) {
            // the kind is the map's: bind options or server options
            string(o.name());
            version(o.since());
            optVersion(o.last());
            int32(body, o.values());
            bool(o.moreValues());
            bool(o.valueType().isPresent());
            o.valueType().ifPresent(this::arg);
            stringList(o.syntax());
            bool(o.defaultServer());
            bool(o.dynamic());
            optVersion(o.deprecatedSince());
            bool(o.documented());
            optString(o.removedMessage());
        } else if (value instanceof ActionSpec a) {
            string(a.ruleSet());
            string(a.name());
            version(a.since());
            optVersion(a.last());
            bool(a.isFinal());
            bool(a.prefix());
            stringList(a.syntax());
            optVersion(a.deprecatedSince());
        } else if (value instanceof FetchSpec f) {
            string(f.name());
            version(f.since());
            optVersion(f.last());
            sampleArgs(f.args());
            int32(body, f.minArgs());
            int32(body, f.maxArgs());
            bool(f.argsUnknown());
            string(f.output());
            stringList(f.use());
            // sorted, so that the same catalog always makes the same bytes
            stringList(List.copyOf(new TreeSet<>(f.usableIn())));
        } else if (value instanceof ConverterSpec c) {
            string(c.name());
            version(c.since());
            optVersion(c.last());
            sampleArgs(c.args());
            int32(body, c.minArgs());
            int32(body, c.maxArgs());
            bool(c.argsUnknown());
            string(c.input());
            string(c.output());
        } else if (value instanceof AclKeywordSpec a) {
            string(a.name());
            version(a.since());
            optVersion(a.last());
            string(a.fetch());
            string(a.match());
        } else if (value instanceof Boolean b) {
            bool(b);
        } else if (value instanceof String s) {
            string(s);
        } else {
            throw new IllegalArgumentException("the snapshot format has no place for " + value.getClass());
        }
    }

    private void arg(ArgSpec a) {
        string(a.name());
        count(body, a.type().ordinal());
        bool(a.optional());
        bool(a.repeat());
        stringList(a.values());
        optString(a.unit());
        optLong(a.min());
        optLong(a.max());
    }

    private void sampleArgs(List<SampleArg> args) {
        count(body, args.size());
        for (SampleArg a : args) {
            string(a.type());
            bool(a.optional());
        }
    }

    // --- values -----------------------------------------------------------------------------

    private static void count(ByteArrayOutputStream out, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + n);
        }
        int rest = n;
        while ((rest & ~0x7f) != 0) {
            out.write(rest & 0x7f | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static void int32(ByteArrayOutputStream out, int n) {
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
    }

    private void bool(boolean b) {
        body.write(b ? 1 : 0);
    }

    private void string(String s) {
        count(body, stringId(s));
    }

    private void optString(Optional<String> s) {
        count(body, s.isPresent() ? stringId(s.get()) + 1 : 0);
    }

    private int stringId(String s) {
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            stringIds.put(s, id);
        }
        return id;
    }

    private void stringList(List<String> list) {
        count(body, list.size());
        for (String s : list) {
            string(s);
        }
    }

    private void stringSet(Set<String> set) {
        stringList(List.copyOf(set));
    }

    private void version(HaproxyVersion v) {
        count(body, versionId(v));
    }

    private void optVersion(Optional<HaproxyVersion> v) {
        count(body, v.isPresent() ? versionId(v.get()) + 1 : 0);
    }

    private int versionId(HaproxyVersion v) {
        Integer id = versionIds.get(v);
        if (id == null) {
            id = versions.size();
            versions.add(v);
            versionIds.put(v, id);
        }
        return id;
    }

    private void optInt(OptionalInt n) {
        bool(n.isPresent());
        if (n.isPresent()) {
            int32(body, n.getAsInt());
        }
    }

    private void optLong(OptionalLong n) {
        bool(n.isPresent());
        if (n.isPresent()) {
            int32(body, (int) (n.getAsLong() >>> 32));
            int32(body, (int) n.getAsLong());
        }
    }
}
