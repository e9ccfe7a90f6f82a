package dev.sluice.compiler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The snapshots Sluice ships say exactly what {@code keywords.json} says: for every catalogued
 * version, every map and set of the view, in the same order, and every record in it.
 */
class CatalogSnapshotTest {

    private static final KeywordCatalog JSON = json();

    private static KeywordCatalog json() {
        try (InputStream in = KeywordCatalog.class.getResourceAsStream(KeywordCatalog.RESOURCE)) {
            return KeywordCatalog.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HaproxyVersion> versions() {
        return JSON.versions();
    }

    @Test
    void theShippedCatalogHasTheJsonsVersions() {
        assertThat(KeywordCatalog.get().versions()).containsExactlyElementsOf(JSON.versions());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void theShippedViewIsTheJsonsView(HaproxyVersion v) {
        assertSameContents(KeywordCatalog.get().forVersion(v), JSON.forVersion(v));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aViewReadsBackAsItWasWritten(HaproxyVersion v) {
        CatalogView view = JSON.forVersion(v);
        assertSameContents(CatalogSnapshot.read(CatalogSnapshotWriter.write(view)), view);
    }

    @Test
    void aShippedMapIsAReadOnlyMapInNameOrder() {
        Map<String, KeywordSpec> global = KeywordCatalog.get().forVersion(HaproxyVersion.V2_6).specsOf("global");
        assertThat(global).isEqualTo(JSON.forVersion(HaproxyVersion.V2_6).specsOf("global")).hasSizeGreaterThan(100);
        assertThat(new ArrayList<>(global.keySet())).isSorted();
        List<String> entryNames = new ArrayList<>();
        for (Map.Entry<String, KeywordSpec> e : global.entrySet()) {
            assertThat(e.getValue().name()).isEqualTo(e.getKey());
            entryNames.add(e.getKey());
        }
        assertThat(entryNames).containsExactlyElementsOf(global.keySet());
        assertThat(global.get("maxconn")).isSameAs(global.get("maxconn"));
        assertThat(global.get("nosuch")).isNull();
        assertThat(global.containsKey("nosuch")).isFalse();
        assertThat(global.containsKey(42)).isFalse();
        assertThat(global.keySet()).contains("maxconn").doesNotContain("nosuch");
        assertThatThrownBy(() -> global.put("nosuch", global.get("maxconn")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> global.remove("maxconn")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> global.keySet().remove("maxconn")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(global).containsKey("maxconn");
    }

    @Test
    void theComparisonSeesADroppedEntry() {
        CatalogView view = JSON.forVersion(HaproxyVersion.V2_6);
        Map<String, FetchSpec> fetches = new LinkedHashMap<>(view.fetches);
        fetches.remove("src");
        CatalogView dropped = new CatalogView(view.version, view.sectionTypes, view.keywords, view.removed,
                view.bindOptions, view.serverOptions, view.actions, view.services, fetches, view.converters,
                view.aclKeywords, view.aclFlags, view.matchMethods, view.predefinedAcls);
        assertThatThrownBy(() -> assertSameContents(dropped, view)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("fetches");
    }

    @Test
    void theComparisonSeesAnAlteredRecordDeepInside() {
        CatalogView view = JSON.forVersion(HaproxyVersion.V2_6);
        Map<String, Map<String, KeywordSpec>> keywords = new LinkedHashMap<>(view.keywords);
        Map<String, KeywordSpec> defaults = new LinkedHashMap<>(keywords.get("defaults"));
        KeywordSpec t = defaults.get("timeout connect");
        ArgSpec a = t.args().get(0);
        ArgSpec flipped = new ArgSpec(a.name(), a.type(), !a.optional(), a.repeat(), a.values(), a.unit(), a.min(),
                a.max());
        defaults.put(t.name(), new KeywordSpec(t.section(), t.name(), t.since(), t.last(), t.usage(), t.negatable(),
                t.deprecatedSince(), t.experimental(), t.documented(), t.registered(), t.syntax(),
                List.of(flipped), t.minArgs(), t.maxArgs(), t.ruleSet()));
        keywords.put("defaults", defaults);
        CatalogView altered = new CatalogView(view.version, view.sectionTypes, keywords, view.removed,
                view.bindOptions, view.serverOptions, view.actions, view.services, view.fetches, view.converters,
                view.aclKeywords, view.aclFlags, view.matchMethods, view.predefinedAcls);
        assertThatThrownBy(() -> assertSameContents(altered, view)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("keywords[defaults][timeout connect]");
    }

    @Test
    void aSnapshotOfAnotherFormatIsRefused() {
        byte[] snapshot = CatalogSnapshotWriter.write(JSON.forVersion(HaproxyVersion.V2_6));
        snapshot[4] = (byte) (CatalogSnapshot.FORMAT + 1);
        assertThatThrownBy(() -> CatalogSnapshot.read(snapshot)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in format " + CatalogSnapshot.FORMAT);
    }

    /** Compares every field of two views, whatever fields a view comes to have. */
    private static void assertSameContents(CatalogView actual, CatalogView expected) {
        List<Field> fields = new ArrayList<>();
        for (Field f : CatalogView.class.getDeclaredFields()) {
            // transient fields are lookup caches the view fills as it is used, not its contents
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                fields.add(f);
            }
        }
        assertThat(fields).hasSizeGreaterThanOrEqualTo(14);
        for (Field f : fields) {
            try {
                assertSame(f.getName(), f.get(actual), f.get(expected));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Maps and sets compare in order, map values one by one so that a failure names the entry,
     * records with their {@code equals}, which compares every component, lists and all.
     */
    private static void assertSame(String path, Object actual, Object expected) {
        if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(inOrder(a.keySet())).as(path + ": names, in order")
                    .containsExactlyElementsOf(inOrder(e.keySet()));
            for (Map.Entry<?, ?> x : e.entrySet()) {
                assertSame(path + "[" + x.getKey() + "]", a.get(x.getKey()), x.getValue());
            }
        } else if (expected instanceof Set<?> e) {
            assertThat(actual).as(path).isInstanceOf(Set.class);
            assertThat(inOrder((Set<?>) actual)).as(path + ", in order").containsExactlyElementsOf(inOrder(e));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static List<Object> inOrder(Collection<?> c) {
        return new ArrayList<>(c);
    }
}
