package dev.sluice.compiler.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code keywords.json} as {@code tools/catalog/Gen.java} writes it, and the views it gives.
 *
 * <p>This is the catalog's reference reading: the build turns its views into the snapshots
 * Sluice ships ({@link CatalogSnapshotWriter}), and tests compare the two. Parsing the JSON costs a
 * few hundred milliseconds in a fresh JVM, so nothing reads it at run time.
 */
final class CatalogJson implements KeywordCatalog.Source {

    private final List<HaproxyVersion> versions;
    private final Map<String, Map<String, Entry>> sections;
    private final Map<String, Map<String, Entry>> removed;
    private final Map<String, Entry> bindOptions;
    private final Map<String, Entry> serverOptions;
    private final Map<String, Map<String, Entry>> actions;
    private final Map<String, Entry> services;
    private final Map<String, Entry> fetches;
    private final Map<String, Entry> converters;
    private final Map<String, Entry> aclFlags;
    private final Map<String, Entry> matchMethods;
    private final Map<String, Entry> aclKeywords;
    private final Map<String, Entry> predefinedAcls;
    private final Map<String, List<Variant>> sectionTypes;

    /** Reads a catalog in the format {@code tools/catalog/Gen.java} writes. */
    static CatalogJson read(InputStream json) throws IOException {
        return new CatalogJson(new ObjectMapper().readTree(json));
    }

    private CatalogJson(JsonNode root) {
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
    List<HaproxyVersion> versions() {
        return versions;
    }

    /** What HAProxy {@code version}, a catalogued one, knows; names iterate sorted. */
    @Override
    public CatalogView view(HaproxyVersion version) {
        Set<String> types = new TreeSet<>();
        sectionTypes.forEach((type, ranges) -> {
            if (ranges.stream().anyMatch(r -> r.contains(version))) {
                types.add(type);
            }
        });
        Map<String, Map<String, KeywordSpec>> keywords = new TreeMap<>();
        sections.forEach((section, entries) -> {
            Map<String, KeywordSpec> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    m.put(name, keyword(section, e, v));
                }
            });
            if (!m.isEmpty() || types.contains(section)) {
                keywords.put(section, Collections.unmodifiableMap(m));
            }
        });
        Map<String, Map<String, RemovedKeyword>> removedKeywords = new TreeMap<>();
        removed.forEach((section, entries) -> {
            Map<String, RemovedKeyword> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    JsonNode d = v.data();
                    m.put(name, new RemovedKeyword(section, name, e.since(), d.path("message").asText(),
                            text(d.path("replacement")), text(d.path("removedIn"))));
                }
            });
            removedKeywords.put(section, Collections.unmodifiableMap(m));
        });
        Map<String, Map<String, ActionSpec>> ruleActions = new TreeMap<>();
        actions.forEach((ruleSet, entries) -> {
            Map<String, ActionSpec> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    JsonNode d = v.data();
                    m.put(name, new ActionSpec(ruleSet, name, e.since(), e.last(), d.path("final").asBoolean(),
                            d.path("prefix").asBoolean(), strings(d.path("syntax")), deprecated(e, d)));
                }
            });
            ruleActions.put(ruleSet, Collections.unmodifiableMap(m));
        });
        Map<String, FetchSpec> fetchSpecs = new TreeMap<>();
        fetches.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                JsonNode d = v.data();
                fetchSpecs.put(name, new FetchSpec(name, e.since(), e.last(), sampleArgs(d.path("args")),
                        d.path("minArgs").asInt(), d.path("maxArgs").asInt(), d.path("argsUnknown").asBoolean(),
                        d.path("output").asText(), strings(d.path("use")), new TreeSet<>(strings(d.path("usableIn")))));
            }
        });
        Map<String, ConverterSpec> converterSpecs = new TreeMap<>();
        converters.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                JsonNode d = v.data();
                converterSpecs.put(name, new ConverterSpec(name, e.since(), e.last(), sampleArgs(d.path("args")),
                        d.path("minArgs").asInt(), d.path("maxArgs").asInt(), d.path("argsUnknown").asBoolean(),
                        d.path("input").asText(), d.path("output").asText()));
            }
        });
        Map<String, AclKeywordSpec> aclKeywordSpecs = new TreeMap<>();
        aclKeywords.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                aclKeywordSpecs.put(name, new AclKeywordSpec(name, e.since(), e.last(),
                        v.data().path("fetch").asText(), v.data().path("match").asText()));
            }
        });
        Map<String, Boolean> flags = new TreeMap<>();
        aclFlags.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                flags.put(name, v.data().path("takesValue").asBoolean());
            }
        });
        Map<String, String> predefined = new TreeMap<>();
        predefinedAcls.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                predefined.put(name, v.data().path("fetch").asText());
            }
        });
        return new CatalogView(version, types, keywords, removedKeywords,
                options(bindOptions, OptionSpec.Kind.BIND, version),
                options(serverOptions, OptionSpec.Kind.SERVER, version), ruleActions, present(services, version),
                fetchSpecs, converterSpecs, aclKeywordSpecs, flags, present(matchMethods, version), predefined);
    }

    // --- the JSON's shape -------------------------------------------------------------------

    /** One catalogued name: the versions it exists in and how each range describes it. */
    private record Entry(String name, HaproxyVersion since, Optional<HaproxyVersion> last,
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
    private record Variant(HaproxyVersion since, Optional<HaproxyVersion> last, JsonNode data) {
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

    // --- JSON to records --------------------------------------------------------------------

    private static KeywordSpec keyword(String section, Entry e, Variant v) {
        JsonNode d = v.data();
        List<ArgSpec> args = new ArrayList<>();
        for (JsonNode a : d.path("args")) {
            args.add(arg(a));
        }
        if (args.isEmpty() && !d.has("args")) {
            args.add(ArgSpec.rest());
        }
        OptionalInt max = d.has("maxArgs") ? OptionalInt.of(d.path("maxArgs").asInt()) : OptionalInt.empty();
        return new KeywordSpec(section, e.name(), e.since(), e.last(), usage(d.path("usage").asText("allowed")),
                d.path("negatable").asBoolean(), deprecated(e, d), d.path("experimental").asBoolean(),
                d.path("documented").asBoolean(true), d.path("registered").asBoolean(true), strings(d.path("syntax")),
                args, d.path("minArgs").asInt(0), max, text(d.path("ruleSet")));
    }

    private static ArgSpec arg(JsonNode a) {
        ArgType type;
        try {
            type = ArgType.valueOf(a.path("type").asText("STRING"));
        } catch (IllegalArgumentException ex) {
            type = ArgType.STRING;
        }
        return new ArgSpec(a.path("name").asText("value"), type, a.path("optional").asBoolean(),
                a.path("repeat").asBoolean(), strings(a.path("values")), text(a.path("unit")),
                a.has("min") ? OptionalLong.of(a.path("min").asLong()) : OptionalLong.empty(),
                a.has("max") ? OptionalLong.of(a.path("max").asLong()) : OptionalLong.empty());
    }

    private static Usage usage(String s) {
        return switch (s) {
            case "named-defaults" -> Usage.NAMED_DEFAULTS;
            case "ignored" -> Usage.IGNORED;
            default -> Usage.ALLOWED;
        };
    }

    private static Map<String, OptionSpec> options(Map<String, Entry> entries, OptionSpec.Kind kind,
            HaproxyVersion version) {
        Map<String, OptionSpec> out = new TreeMap<>();
        entries.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v == null) {
                return;
            }
            JsonNode d = v.data();
            Optional<ArgSpec> valueType = d.has("valueType") ? Optional.of(arg(d.path("valueType"))) : Optional.empty();
            Optional<String> removedMessage = text(d.path("removed").path("message"));
            out.put(name, new OptionSpec(kind, name, e.since(), e.last(), d.path("values").asInt(),
                    d.path("moreValues").asBoolean(), valueType,
                    strings(d.path("syntax")), d.path("defaultServer").asBoolean(), d.path("dynamic").asBoolean(),
                    deprecated(e, d), d.path("documented").asBoolean(true), removedMessage));
        });
        return out;
    }

    /** The names among {@code entries} that {@code version} has. */
    private static Set<String> present(Map<String, Entry> entries, HaproxyVersion version) {
        Set<String> out = new TreeSet<>();
        entries.forEach((name, e) -> {
            if (e.at(version) != null) {
                out.add(name);
            }
        });
        return out;
    }

    private static Optional<HaproxyVersion> deprecated(Entry e, JsonNode d) {
        if (!d.path("deprecated").asBoolean()) {
            return Optional.empty();
        }
        return Optional.of(e.deprecatedSince().orElse(e.since()));
    }

    private static List<SampleArg> sampleArgs(JsonNode n) {
        List<SampleArg> out = new ArrayList<>();
        for (JsonNode a : n) {
            out.add(new SampleArg(a.path("type").asText().toUpperCase(Locale.ROOT), a.path("optional").asBoolean()));
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }
}
