package dev.sluice.compiler.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.compiler.catalog.KeywordCatalog.Entry;
import dev.sluice.compiler.catalog.KeywordCatalog.Variant;
import dev.sluice.grammar.HaproxyVersion;
import java.util.ArrayList;
import java.util.Collections;
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
 * The catalog as one HAProxy version sees it. Immutable; obtained from
 * {@link KeywordCatalog#forVersion(HaproxyVersion)}.
 *
 * <p>Keyword lookups take a directive's words as written. A leading {@code no} or {@code default}
 * modifier is skipped (check {@link KeywordSpec#negatable()}), and a word after the first is
 * compared up to its opening parenthesis, so {@code http-check set-var(txn.x)} finds
 * {@code http-check set-var}.
 */
public final class CatalogView {

    /** The longest keyword, in words ({@code capture request header}). */
    private static final int MAX_WORDS = 3;

    private final HaproxyVersion version;
    private final Map<String, Map<String, KeywordSpec>> keywords = new TreeMap<>();
    private final Map<String, Map<String, RemovedKeyword>> removed = new TreeMap<>();
    private final Map<String, OptionSpec> bindOptions = new TreeMap<>();
    private final Map<String, OptionSpec> serverOptions = new TreeMap<>();
    private final Map<String, Map<String, ActionSpec>> actions = new TreeMap<>();
    private final Set<String> services = new TreeSet<>();
    private final Map<String, FetchSpec> fetches = new TreeMap<>();
    private final Map<String, ConverterSpec> converters = new TreeMap<>();
    private final Map<String, AclKeywordSpec> aclKeywords = new TreeMap<>();
    private final Map<String, Boolean> aclFlags = new TreeMap<>();
    private final Set<String> matchMethods = new TreeSet<>();
    private final Map<String, String> predefinedAcls = new TreeMap<>();
    private final Set<String> sectionTypes = new TreeSet<>();

    CatalogView(KeywordCatalog catalog, HaproxyVersion version) {
        this.version = version;
        catalog.sectionTypes.forEach((type, ranges) -> {
            if (ranges.stream().anyMatch(r -> r.contains(version))) {
                sectionTypes.add(type);
            }
        });
        catalog.sections.forEach((section, entries) -> {
            Map<String, KeywordSpec> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    m.put(name, keyword(section, e, v));
                }
            });
            if (!m.isEmpty() || sectionTypes.contains(section)) {
                keywords.put(section, Collections.unmodifiableMap(m));
            }
        });
        catalog.removed.forEach((section, entries) -> {
            Map<String, RemovedKeyword> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    JsonNode d = v.data();
                    m.put(name, new RemovedKeyword(section, name, e.since(), d.path("message").asText(),
                            text(d.path("replacement")), text(d.path("removedIn"))));
                }
            });
            removed.put(section, Collections.unmodifiableMap(m));
        });
        options(catalog.bindOptions, OptionSpec.Kind.BIND, bindOptions);
        options(catalog.serverOptions, OptionSpec.Kind.SERVER, serverOptions);
        catalog.actions.forEach((ruleSet, entries) -> {
            Map<String, ActionSpec> m = new TreeMap<>();
            entries.forEach((name, e) -> {
                Variant v = e.at(version);
                if (v != null) {
                    JsonNode d = v.data();
                    m.put(name, new ActionSpec(ruleSet, name, e.since(), e.last(), d.path("final").asBoolean(),
                            d.path("prefix").asBoolean(), strings(d.path("syntax")), deprecated(e, d)));
                }
            });
            actions.put(ruleSet, Collections.unmodifiableMap(m));
        });
        catalog.services.forEach((name, e) -> {
            if (e.at(version) != null) {
                services.add(name);
            }
        });
        catalog.fetches.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                JsonNode d = v.data();
                fetches.put(name, new FetchSpec(name, e.since(), e.last(), sampleArgs(d.path("args")),
                        d.path("minArgs").asInt(), d.path("maxArgs").asInt(), d.path("argsUnknown").asBoolean(),
                        d.path("output").asText(), strings(d.path("use")), new TreeSet<>(strings(d.path("usableIn")))));
            }
        });
        catalog.converters.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                JsonNode d = v.data();
                converters.put(name, new ConverterSpec(name, e.since(), e.last(), sampleArgs(d.path("args")),
                        d.path("minArgs").asInt(), d.path("maxArgs").asInt(), d.path("argsUnknown").asBoolean(),
                        d.path("input").asText(), d.path("output").asText()));
            }
        });
        catalog.aclKeywords.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                aclKeywords.put(name, new AclKeywordSpec(name, e.since(), e.last(), v.data().path("fetch").asText(),
                        v.data().path("match").asText()));
            }
        });
        catalog.aclFlags.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                aclFlags.put(name, v.data().path("takesValue").asBoolean());
            }
        });
        catalog.matchMethods.forEach((name, e) -> {
            if (e.at(version) != null) {
                matchMethods.add(name);
            }
        });
        catalog.predefinedAcls.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v != null) {
                predefinedAcls.put(name, v.data().path("fetch").asText());
            }
        });
    }

    /** The catalogued version this view describes. */
    public HaproxyVersion version() {
        return version;
    }

    /** The section types this version knows ({@code global}, {@code frontend}, {@code crt-store}, ...). */
    public Set<String> sectionTypes() {
        return Collections.unmodifiableSet(sectionTypes);
    }

    // --- section keywords ------------------------------------------------------------------

    /**
     * The keyword a directive's words start with in a section of type {@code sectionType}: the
     * longest one that matches ({@code timeout connect}, {@code option httplog},
     * {@code http-request}). Empty when the section does not accept it (see {@link #removed}).
     */
    public Optional<KeywordSpec> lookup(String sectionType, List<String> words) {
        Map<String, KeywordSpec> m = keywords.get(sectionType);
        if (m == null) {
            return Optional.empty();
        }
        List<String> w = unmodified(words);
        for (int n = Math.min(MAX_WORDS, w.size()); n >= 1; n--) {
            KeywordSpec s = m.get(key(w, n));
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True when {@code keyword} (its words separated by spaces: {@code "timeout client"}) is a keyword of the section. */
    public boolean knows(String sectionType, String keyword) {
        return lookup(sectionType, List.of(keyword.trim().split("\\s+"))).isPresent();
    }

    /** The keywords of a section type, sorted, for suggestions; empty for an unknown type. */
    public Set<String> keywordsOf(String sectionType) {
        Map<String, KeywordSpec> m = keywords.get(sectionType);
        return m == null ? Set.of() : Collections.unmodifiableSet(m.keySet());
    }

    /** Every keyword spec of a section type, by name. */
    public Map<String, KeywordSpec> specsOf(String sectionType) {
        Map<String, KeywordSpec> m = keywords.get(sectionType);
        return m == null ? Map.of() : m;
    }

    /**
     * The removed keyword a directive's words start with, when this version reports it with a
     * message of its own ({@code reqrep}, {@code nbproc}, {@code option forceclose}).
     */
    public Optional<RemovedKeyword> removed(String sectionType, List<String> words) {
        Map<String, RemovedKeyword> m = removed.get(sectionType);
        if (m == null) {
            return Optional.empty();
        }
        List<String> w = unmodified(words);
        for (int n = Math.min(MAX_WORDS, w.size()); n >= 1; n--) {
            RemovedKeyword r = m.get(key(w, n));
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static List<String> unmodified(List<String> words) {
        if (words.size() > 1 && (words.get(0).equals("no") || words.get(0).equals("default"))) {
            return words.subList(1, words.size());
        }
        return words;
    }

    private static String key(List<String> words, int n) {
        StringBuilder sb = new StringBuilder(words.get(0));
        for (int i = 1; i < n; i++) {
            sb.append(' ').append(stem(words.get(i)));
        }
        return sb.toString();
    }

    /** A word up to its opening parenthesis: {@code set-var(txn.x)} is {@code set-var}. */
    private static String stem(String word) {
        int p = word.indexOf('(');
        return p > 0 ? word.substring(0, p) : word;
    }

    // --- bind and server options -----------------------------------------------------------

    /** A {@code bind} line option ({@code ssl}, {@code crt}, {@code accept-proxy}). */
    public Optional<OptionSpec> bindOption(String name) {
        return Optional.ofNullable(bindOptions.get(name));
    }

    /** A {@code server} or {@code default-server} option ({@code check}, {@code inter}). */
    public Optional<OptionSpec> serverOption(String name) {
        return Optional.ofNullable(serverOptions.get(name));
    }

    /** Every bind option, by name. */
    public Map<String, OptionSpec> bindOptions() {
        return Collections.unmodifiableMap(bindOptions);
    }

    /** Every server option, by name. */
    public Map<String, OptionSpec> serverOptions() {
        return Collections.unmodifiableMap(serverOptions);
    }

    // --- actions ---------------------------------------------------------------------------

    /**
     * An action of a rule set ({@code http-request}, {@code tcp-request content}, ...), looked up
     * as HAProxy does: the word up to its parenthesis ({@code set-var(txn.x)}), exactly, else an
     * action registered as a prefix ({@code track-sc} for {@code track-sc1}). Actions that Lua
     * scripts register ({@code lua.*}) are unknown to the catalog.
     */
    public Optional<ActionSpec> action(String ruleSet, String name) {
        Map<String, ActionSpec> m = actions.get(ruleSet);
        if (m == null) {
            return Optional.empty();
        }
        ActionSpec exact = m.get(stem(name));
        if (exact != null) {
            return Optional.of(exact);
        }
        for (ActionSpec a : m.values()) {
            if (a.prefix() && name.startsWith(a.name())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The actions of a rule set, by name. */
    public Map<String, ActionSpec> actionsOf(String ruleSet) {
        Map<String, ActionSpec> m = actions.get(ruleSet);
        return m == null ? Map.of() : m;
    }

    /** True when {@code use-service} knows the service (Lua services excepted). */
    public boolean knowsService(String name) {
        return services.contains(name);
    }

    // --- samples and ACLs ------------------------------------------------------------------

    /** A sample fetch, by name; arguments in parentheses are ignored ({@code req.hdr(host)}). */
    public Optional<FetchSpec> fetch(String name) {
        return Optional.ofNullable(fetches.get(stem(name)));
    }

    /** A converter, by name; arguments in parentheses are ignored ({@code map_str(file)}). */
    public Optional<ConverterSpec> converter(String name) {
        return Optional.ofNullable(converters.get(stem(name)));
    }

    /** An ACL keyword ({@code hdr_beg}, {@code path_end}, {@code src}), by name. */
    public Optional<AclKeywordSpec> aclKeyword(String name) {
        return Optional.ofNullable(aclKeywords.get(stem(name)));
    }

    /** The ACL match methods ({@code -m str}, {@code -m beg}, ...). */
    public Set<String> matchMethods() {
        return Collections.unmodifiableSet(matchMethods);
    }

    /** True when {@code method} may follow {@code -m}. */
    public boolean isMatchMethod(String method) {
        return matchMethods.contains(method);
    }

    /** The ACL flags ({@code -i}, {@code -f}, {@code -m}, ...) and whether each takes a value. */
    public Map<String, Boolean> aclFlags() {
        return Collections.unmodifiableMap(aclFlags);
    }

    /** The predefined ACLs ({@code TRUE}, {@code HTTP}, {@code METH_GET}, ...) and the fetch each uses. */
    public Map<String, String> predefinedAcls() {
        return Collections.unmodifiableMap(predefinedAcls);
    }

    /** Every fetch, by name. */
    public Map<String, FetchSpec> fetches() {
        return Collections.unmodifiableMap(fetches);
    }

    /** Every converter, by name. */
    public Map<String, ConverterSpec> converters() {
        return Collections.unmodifiableMap(converters);
    }

    /** Every ACL keyword, by name. */
    public Map<String, AclKeywordSpec> aclKeywords() {
        return Collections.unmodifiableMap(aclKeywords);
    }

    @Override
    public String toString() {
        return "CatalogView[" + version + "]";
    }

    // --- JSON to records -------------------------------------------------------------------

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

    static ArgSpec arg(JsonNode a) {
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

    private void options(Map<String, Entry> entries, OptionSpec.Kind kind, Map<String, OptionSpec> into) {
        entries.forEach((name, e) -> {
            Variant v = e.at(version);
            if (v == null) {
                return;
            }
            JsonNode d = v.data();
            Optional<ArgSpec> valueType = d.has("valueType") ? Optional.of(arg(d.path("valueType"))) : Optional.empty();
            Optional<String> removedMessage = text(d.path("removed").path("message"));
            into.put(name, new OptionSpec(kind, name, e.since(), e.last(), d.path("values").asInt(),
                    d.path("moreValues").asBoolean(), valueType,
                    strings(d.path("syntax")), d.path("defaultServer").asBoolean(), d.path("dynamic").asBoolean(),
                    deprecated(e, d), d.path("documented").asBoolean(true), removedMessage));
        });
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
