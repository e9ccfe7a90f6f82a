package dev.sluice.compiler.catalog;

import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.compiler.check.SampleKeyword;
import dev.sluice.grammar.HaproxyVersion;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** The checker's {@link KeywordOracle}, answered by the catalog for one version. */
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
        return spec.map(o -> java.util.OptionalInt.of(o.moreValues() ? -1 : o.values()))
                .orElse(java.util.OptionalInt.empty());
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
        return view.lookup(sectionType, words)
                .filter(spec -> spec.maxArgs().isPresent())
                .map(spec -> java.util.Map.entry(spec.name(), spec.maxArgs().getAsInt()));
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
        return view.action(ruleSet, action).map(ActionSpec::isFinal).orElse(false);
    }

    @Override
    public Optional<String> removedMessage(String sectionType, List<String> words) {
        return words.isEmpty() ? Optional.empty() : view.removed(sectionType, words).map(RemovedKeyword::message);
    }
}
