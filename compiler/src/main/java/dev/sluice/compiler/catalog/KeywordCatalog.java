package dev.sluice.compiler.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    private final List<HaproxyVersion> versions;
    final Map<String, Map<String, Entry>> sections;
    final Map<String, Map<String, Entry>> removed;
    final Map<String, Entry> bindOptions;
    final Map<String, Entry> serverOptions;
    final Map<String, Map<String, Entry>> actions;
    final Map<String, Entry> services;
    final Map<String, Entry> fetches;
    final Map<String, Entry> converters;
    final Map<String, Entry> aclFlags;
    final Map<String, Entry> matchMethods;
    final Map<String, Entry> aclKeywords;
    final Map<String, Entry> predefinedAcls;
    final Map<String, List<Variant>> sectionTypes;
    private final Map<HaproxyVersion, CatalogView> views = new ConcurrentHashMap<>();

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
        return new KeywordCatalog(new ObjectMapper().readTree(json));
    }

    private KeywordCatalog(JsonNode root) {
        int schema = root.path("schemaVersion").asInt();
        if (schema != 1) {
            throw new IllegalArgumentException("unsupported keyword catalog schema " + schema);
        }
        List<HaproxyVersion> vs = new ArrayList<>();
        root.path("versions").forEach(v -> vs.add(HaproxyVersion.parse(v.asText())));
        if (vs.isEmpty()) {
            throw new IllegalArgumentException("the keyword catalog lists no version");
        }
        versions = List.copyOf(vs);
        sections = grouped(root.path("sections"));
        removed = grouped(root.path("removed"));
        bindOptions = entries(root.path("bindOptions"));
        serverOptions = entries(root.path("serverOptions"));
        actions = grouped(root.path("actions"));
        services = entries(root.path("services"));
        fetches = entries(root.path("fetches"));
        converters = entries(root.path("converters"));
        JsonNode acl = root.path("acl");
        aclFlags = entries(acl.path("flags"));
        matchMethods = entries(acl.path("matchMethods"));
        aclKeywords = entries(acl.path("keywords"));
        predefinedAcls = entries(acl.path("predefined"));
        Map<String, List<Variant>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("sectionTypes").properties()) {
            List<Variant> ranges = new ArrayList<>();
            e.getValue().forEach(r -> ranges.add(new Variant(version(r.path("since")), optVersion(r.path("last")), r)));
            types.put(e.getKey(), List.copyOf(ranges));
        }
        sectionTypes = Map.copyOf(types);
    }

    /** The catalogued versions, oldest first. */
    public List<HaproxyVersion> versions() {
        return versions;
    }

    /** The catalogued version that stands for {@code v}: the newest one not newer than it. */
    public HaproxyVersion resolve(HaproxyVersion v) {
        Objects.requireNonNull(v, "v");
        HaproxyVersion best = versions.get(0);
        for (HaproxyVersion c : versions) {
            if (c.major() < v.major() || c.major() == v.major() && c.minor() <= v.minor()) {
                best = c;
            }
        }
        return best;
    }

    /** What HAProxy {@code v} knows. */
    public CatalogView forVersion(HaproxyVersion v) {
        return views.computeIfAbsent(resolve(v), r -> new CatalogView(this, r));
    }

    // --- the JSON's shape -------------------------------------------------------------------

    /** One catalogued name: the versions it exists in and how each range describes it. */
    record Entry(String name, HaproxyVersion since, Optional<HaproxyVersion> last,
            Optional<HaproxyVersion> deprecatedSince, List<Variant> variants) {

        /** The description valid in {@code v}, or null when {@code v} does not have it. */
        Variant at(HaproxyVersion v) {
            for (Variant var : variants) {
                if (var.contains(v)) {
                    return var;
                }
            }
            return null;
        }
    }

    /** A version range and the description valid in it. */
    record Variant(HaproxyVersion since, Optional<HaproxyVersion> last, JsonNode data) {
        boolean contains(HaproxyVersion v) {
            return v.atLeast(since) && last.map(l -> l.atLeast(v)).orElse(true);
        }
    }

    private static Map<String, Map<String, Entry>> grouped(JsonNode node) {
        Map<String, Map<String, Entry>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), entries(e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static Map<String, Entry> entries(JsonNode node) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode n = e.getValue();
            List<Variant> variants = new ArrayList<>();
            for (JsonNode v : n.path("variants")) {
                variants.add(new Variant(version(v.path("since")), optVersion(v.path("last")), v));
            }
            out.put(e.getKey(), new Entry(e.getKey(), version(n.path("since")), optVersion(n.path("last")),
                    optVersion(n.path("deprecatedSince")), List.copyOf(variants)));
        }
        return out;
    }

    private static HaproxyVersion version(JsonNode n) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException("the keyword catalog has an entry without a version");
        }
        return HaproxyVersion.parse(n.asText());
    }

    private static Optional<HaproxyVersion> optVersion(JsonNode n) {
        return n.isTextual() ? Optional.of(HaproxyVersion.parse(n.asText())) : Optional.empty();
    }
}
