package dev.sluice.compiler.catalog;

import dev.sluice.compiler.check.KeywordOracle;
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
    public Optional<String> removedMessage(String sectionType, List<String> words) {
        return words.isEmpty() ? Optional.empty() : view.removed(sectionType, words).map(RemovedKeyword::message);
    }
}
