package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    // Package-private for the snapshot writer and the tests that compare a snapshot with keywords.json.
    final HaproxyVersion version;
    final Set<String> sectionTypes;
    final Map<String, Map<String, KeywordSpec>> keywords;
    final Map<String, Map<String, RemovedKeyword>> removed;
    final Map<String, OptionSpec> bindOptions;
    final Map<String, OptionSpec> serverOptions;
    final Map<String, Map<String, ActionSpec>> actions;
    final Set<String> services;
    final Map<String, FetchSpec> fetches;
    final Map<String, ConverterSpec> converters;
    final Map<String, AclKeywordSpec> aclKeywords;
    final Map<String, Boolean> aclFlags;
    final Set<String> matchMethods;
    final Map<String, String> predefinedAcls;
    /** Per section type, built on first use: see {@link #longest}. Caches, not contents: transient. */
    private final transient Map<String, Map<String, Integer>> keywordHeads = new ConcurrentHashMap<>();
    private final transient Map<String, Map<String, Integer>> removedHeads = new ConcurrentHashMap<>();

    /**
     * A view of the given contents, which it takes over: the caller hands in maps and sets it no
     * longer touches, iterating in name order (suggestions and {@link #keywordsOf} list names
     * sorted), with the maps nested in {@code keywords}, {@code removed} and {@code actions}
     * already unmodifiable.
     */
    CatalogView(HaproxyVersion version, Set<String> sectionTypes, Map<String, Map<String, KeywordSpec>> keywords,
            Map<String, Map<String, RemovedKeyword>> removed, Map<String, OptionSpec> bindOptions,
            Map<String, OptionSpec> serverOptions, Map<String, Map<String, ActionSpec>> actions, Set<String> services,
            Map<String, FetchSpec> fetches, Map<String, ConverterSpec> converters,
            Map<String, AclKeywordSpec> aclKeywords, Map<String, Boolean> aclFlags, Set<String> matchMethods,
            Map<String, String> predefinedAcls) {
        this.version = Objects.requireNonNull(version, "version");
        this.sectionTypes = Collections.unmodifiableSet(sectionTypes);
        this.keywords = Collections.unmodifiableMap(keywords);
        this.removed = Collections.unmodifiableMap(removed);
        this.bindOptions = Collections.unmodifiableMap(bindOptions);
        this.serverOptions = Collections.unmodifiableMap(serverOptions);
        this.actions = Collections.unmodifiableMap(actions);
        this.services = Collections.unmodifiableSet(services);
        this.fetches = Collections.unmodifiableMap(fetches);
        this.converters = Collections.unmodifiableMap(converters);
        this.aclKeywords = Collections.unmodifiableMap(aclKeywords);
        this.aclFlags = Collections.unmodifiableMap(aclFlags);
        this.matchMethods = Collections.unmodifiableSet(matchMethods);
        this.predefinedAcls = Collections.unmodifiableMap(predefinedAcls);
    }

    /** The catalogued version this view describes. */
    public HaproxyVersion version() {
        return version;
    }

    /** The section types this version knows ({@code global}, {@code frontend}, {@code crt-store}, ...). */
    public Set<String> sectionTypes() {
        return sectionTypes;
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
        return Optional.ofNullable(longest(m, keywordHeads, sectionType, unmodified(words)));
    }

    /** True when {@code keyword} (its words separated by spaces: {@code "timeout client"}) is a keyword of the section. */
    public boolean knows(String sectionType, String keyword) {
        return lookup(sectionType, List.of(keyword.trim().split("\\s+"))).isPresent();
    }

    /** The keywords of a section type, sorted, for suggestions; empty for an unknown type. */
    public Set<String> keywordsOf(String sectionType) {
        Map<String, KeywordSpec> m = keywords.get(sectionType);
        return m == null ? Set.of() : m.keySet();
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
        return Optional.ofNullable(longest(m, removedHeads, sectionType, unmodified(words)));
    }

    /**
     * The entry of {@code m} named by the longest run of {@code words} (at most {@link #MAX_WORDS}),
     * or null. Only a first word that starts a name of several words ({@code timeout},
     * {@code option}) costs building longer keys; a check looks up every directive this way.
     */
    private static <V> V longest(Map<String, V> m, Map<String, Map<String, Integer>> heads, String sectionType,
            List<String> words) {
        String first = words.get(0);
        Map<String, Integer> longer = heads.get(sectionType);
        if (longer == null) {
            longer = heads(m);
            heads.put(sectionType, longer);
        }
        Integer most = longer.get(first);
        for (int n = most == null ? 1 : Math.min(most, words.size()); n > 1; n--) {
            V v = m.get(key(words, n));
            if (v != null) {
                return v;
            }
        }
        return m.get(first);
    }

    /** For each first word of a name of several words, the most words such a name has. */
    private static Map<String, Integer> heads(Map<String, ?> m) {
        Map<String, Integer> heads = new HashMap<>();
        for (String name : m.keySet()) {
            int space = name.indexOf(' ');
            if (space > 0) {
                int count = 1;
                for (int i = space; i >= 0; i = name.indexOf(' ', i + 1)) {
                    count++;
                }
                heads.merge(name.substring(0, space), Math.min(count, MAX_WORDS), Math::max);
            }
        }
        return heads;
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
        return bindOptions;
    }

    /** Every server option, by name. */
    public Map<String, OptionSpec> serverOptions() {
        return serverOptions;
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
        return matchMethods;
    }

    /** True when {@code method} may follow {@code -m}. */
    public boolean isMatchMethod(String method) {
        return matchMethods.contains(method);
    }

    /** The ACL flags ({@code -i}, {@code -f}, {@code -m}, ...) and whether each takes a value. */
    public Map<String, Boolean> aclFlags() {
        return aclFlags;
    }

    /** The predefined ACLs ({@code TRUE}, {@code HTTP}, {@code METH_GET}, ...) and the fetch each uses. */
    public Map<String, String> predefinedAcls() {
        return predefinedAcls;
    }

    /** Every fetch, by name. */
    public Map<String, FetchSpec> fetches() {
        return fetches;
    }

    /** Every converter, by name. */
    public Map<String, ConverterSpec> converters() {
        return converters;
    }

    /** Every ACL keyword, by name. */
    public Map<String, AclKeywordSpec> aclKeywords() {
        return aclKeywords;
    }

    @Override
    public String toString() {
        return "CatalogView[" + version + "]";
    }
}
