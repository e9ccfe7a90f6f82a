package dev.sluice.compiler.catalog;

import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.compiler.check.SampleKeyword;
import dev.sluice.grammar.HaproxyVersion;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The checker's {@link KeywordOracle}, answered by the catalog for one version.
 *
 * <p>It answers with plain conditionals rather than {@code Optional.map} and lambdas: a check runs
 * in a fresh JVM, where the first use of each lambda costs a class generated at run time.
 */
public final class CatalogOracle implements KeywordOracle {

    private final CatalogView view;

    public CatalogOracle(CatalogView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /** The oracle for HAProxy {@code version}, from the shipped catalog. */
    public static CatalogOracle forVersion(HaproxyVersion version) {
        return new CatalogOracle(KeywordCatalog.get().forVersion(version));
    }

    @Override
    public boolean knows(String sectionType, List<String> words) {
        return !words.isEmpty() && view.lookup(sectionType, words).isPresent();
    }

    @Override
    public Collection<String> candidates(String sectionType) {
        TreeSet<String> first = new TreeSet<>();
        for (String k : view.keywordsOf(sectionType)) {
            int sp = k.indexOf(' ');
            first.add(sp < 0 ? k : k.substring(0, sp));
        }
        return List.copyOf(first);
    }

    @Override
    public Collection<String> options(String sectionType) {
        TreeSet<String> names = new TreeSet<>();
        for (String k : view.keywordsOf(sectionType)) {
            if (k.startsWith("option ")) {
                names.add(k.substring("option ".length()));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public java.util.OptionalInt bindOptionValues(String name) {
        return values(view.bindOption(name));
    }

    @Override
    public java.util.OptionalInt serverOptionValues(String name) {
        return values(view.serverOption(name));
    }

    private static java.util.OptionalInt values(Optional<OptionSpec> spec) {
        if (spec.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(spec.get().moreValues() ? -1 : spec.get().values());
    }

    @Override
    public Collection<String> bindOptionNames() {
        return List.copyOf(new TreeSet<>(view.bindOptions().keySet()));
    }

    @Override
    public Collection<String> serverOptionNames() {
        return List.copyOf(new TreeSet<>(view.serverOptions().keySet()));
    }

    @Override
    public boolean knowsAction(String ruleSet, String action) {
        return view.action(ruleSet, action).isPresent();
    }

    @Override
    public Collection<String> actions(String ruleSet) {
        return List.copyOf(new TreeSet<>(view.actionsOf(ruleSet).keySet()));
    }

    @Override
    public boolean knowsFetch(String name) {
        return view.fetch(name).isPresent() || view.aclKeyword(name).isPresent();
    }

    /** HAProxy's names of the sources a fetch reads (its SMP_USE_* flags). */
    private static final java.util.Map<String, String> SOURCES = java.util.Map.ofEntries(
            java.util.Map.entry("INTRN", "internal state"), java.util.Map.entry("LISTN", "listener"),
            java.util.Map.entry("FTEND", "frontend"), java.util.Map.entry("L4CLI", "client address"),
            java.util.Map.entry("L5CLI", "client-side connection"), java.util.Map.entry("TRACK", "track counters"),
            java.util.Map.entry("L6REQ", "request buffer"), java.util.Map.entry("HRQHV", "HTTP request headers"),
            java.util.Map.entry("HRQHP", "HTTP request"), java.util.Map.entry("HRQBO", "HTTP request body"),
            java.util.Map.entry("BKEND", "backend"), java.util.Map.entry("SERVR", "server"),
            java.util.Map.entry("L4SRV", "server address"), java.util.Map.entry("L5SRV", "server-side connection"),
            java.util.Map.entry("L6RES", "response buffer"), java.util.Map.entry("HRSHV", "HTTP response headers"),
            java.util.Map.entry("HRSHP", "HTTP response"), java.util.Map.entry("HRSBO", "HTTP response body"),
            java.util.Map.entry("RQFIN", "request buffer statistics"),
            java.util.Map.entry("RSFIN", "response buffer statistics"),
            java.util.Map.entry("TXFIN", "transaction statistics"),
            java.util.Map.entry("SSFIN", "session statistics"));

    @Override
    public Optional<String> fetchUnavailable(String ruleSet, String name) {
        Optional<FetchSpec> fetch = view.fetch(name);
        if (fetch.isEmpty() || fetch.get().usableIn().isEmpty() || fetch.get().usableIn().contains(ruleSet)
                || fetch.get().use().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(SOURCES.get(fetch.get().use().get(0)));
    }

    @Override
    public Optional<java.util.Map.Entry<String, Integer>> argumentLimit(String sectionType, List<String> words) {
        Optional<KeywordSpec> spec = view.lookup(sectionType, words);
        if (spec.isEmpty() || spec.get().maxArgs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(java.util.Map.entry(spec.get().name(), spec.get().maxArgs().getAsInt()));
    }

    @Override
    public boolean knowsConverter(String name) {
        return view.converter(name).isPresent();
    }

    @Override
    public Optional<SampleKeyword> fetch(String name) {
        return view.fetch(name).map(f -> new SampleKeyword(f.name(), types(f.args()), f.minArgs(), f.argsUnknown(),
                "", f.output(), f.use()));
    }

    @Override
    public Optional<SampleKeyword> converter(String name) {
        return view.converter(name).map(c -> new SampleKeyword(c.name(), types(c.args()), c.minArgs(),
                c.argsUnknown(), c.input(), c.output(), List.of()));
    }

    private static List<String> types(List<SampleArg> args) {
        return args.stream().map(SampleArg::type).toList();
    }

    @Override
    public Optional<String> aclKeywordFetch(String name) {
        return view.aclKeyword(name).map(AclKeywordSpec::fetch);
    }

    @Override
    public Optional<String> predefinedAclCriterion(String name) {
        return Optional.ofNullable(view.predefinedAcls().get(name));
    }

    @Override
    public boolean isPredefinedAcl(String name) {
        return view.predefinedAcls().containsKey(name);
    }

    @Override
    public boolean isFinalAction(String ruleSet, String action) {
        Optional<ActionSpec> spec = view.action(ruleSet, action);
        return spec.isPresent() && spec.get().isFinal();
    }

    @Override
    public Optional<String> removedMessage(String sectionType, List<String> words) {
        Optional<RemovedKeyword> removed = words.isEmpty() ? Optional.empty() : view.removed(sectionType, words);
        return removed.isPresent() ? Optional.of(removed.get().message()) : Optional.empty();
    }
}
