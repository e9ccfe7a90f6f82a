package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * HAProxy's keywords across the versions Sluice knows, read from {@code keywords.json} (generated
 * by {@code tools/catalog/Gen.java} from HAProxy's repository) the first time {@link #get()} is
 * called.
 *
 * <p>A version between two catalogued ones reads as the older one ({@code 2.6.12} and {@code 2.7}
 * as {@code 2.6}); one older than the oldest as the oldest, one newer than the newest as the newest.
 */
public final class KeywordCatalog {

    /** The resource holding the catalog, beside this class. */
    public static final String RESOURCE = "keywords.json";

    private static final class Holder {
        static final KeywordCatalog INSTANCE = loadResource();
    }

    /** Where the views of a catalog come from. */
    interface Source {
        /** What HAProxy {@code version}, one of the catalogued versions, knows. */
        CatalogView view(HaproxyVersion version);
    }

    private final List<HaproxyVersion> versions;
    private final Source source;
    /**
     * The views made so far, by index in {@link #versions}: an array, not a map keyed by version,
     * because a record's first {@code hashCode} costs a fresh JVM a bootstrap method.
     */
    private final CatalogView[] views;

    private KeywordCatalog(List<HaproxyVersion> versions, Source source) {
        this.versions = versions;
        this.source = source;
        this.views = new CatalogView[versions.size()];
    }

    /** The catalog shipped with Sluice. */
    public static KeywordCatalog get() {
        return Holder.INSTANCE;
    }

    private static KeywordCatalog loadResource() {
        try (InputStream in = KeywordCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the keyword catalog " + RESOURCE + " is missing from the class path");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyword catalog", e);
        }
    }

    /** Reads a catalog in the format {@code tools/catalog/Gen.java} writes. */
    public static KeywordCatalog load(InputStream json) throws IOException {
        CatalogJson catalog = CatalogJson.read(json);
        return new KeywordCatalog(catalog.versions(), catalog);
    }

    /** The catalogued versions, oldest first. */
    public List<HaproxyVersion> versions() {
        return versions;
    }

    /** The catalogued version that stands for {@code v}: the newest one not newer than it. */
    public HaproxyVersion resolve(HaproxyVersion v) {
        return versions.get(index(v));
    }

    /** What HAProxy {@code v} knows. Each catalogued version's view is made once, under this catalog's lock. */
    public synchronized CatalogView forVersion(HaproxyVersion v) {
        int i = index(v);
        if (views[i] == null) {
            views[i] = source.view(versions.get(i));
        }
        return views[i];
    }

    private int index(HaproxyVersion v) {
        Objects.requireNonNull(v, "v");
        int best = 0;
        for (int i = 0; i < versions.size(); i++) {
            HaproxyVersion c = versions.get(i);
            if (c.major() < v.major() || c.major() == v.major() && c.minor() <= v.minor()) {
                best = i;
            }
        }
        return best;
    }
}
