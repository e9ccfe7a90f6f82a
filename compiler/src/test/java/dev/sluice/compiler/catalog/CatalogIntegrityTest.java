package dev.sluice.compiler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.SectionKeywords;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped data is consistent with itself and with the grammar's section keywords. */
class CatalogIntegrityTest {

    static java.util.List<HaproxyVersion> versions() {
        return KeywordCatalog.get().versions();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void everySpecDescribesItsVersion(HaproxyVersion v) {
        CatalogView view = KeywordCatalog.get().forVersion(v);
        assertThat(view.version()).isEqualTo(v);
        for (String section : view.sectionTypes()) {
            for (KeywordSpec s : view.specsOf(section).values()) {
                assertThat(v.atLeast(s.since())).as(s.name()).isTrue();
                s.last().ifPresent(last -> assertThat(last.atLeast(v)).as(s.name()).isTrue());
                assertThat(s.args()).as(s.name()).allSatisfy(a -> {
                    if (a.type() == ArgType.ENUM) {
                        assertThat(a.values()).as(s.name()).isNotEmpty();
                    }
                });
                assertThat(s.minArgs()).as(s.name()).isBetween(0, 1);
                s.maxArgs().ifPresent(max -> assertThat(max).as(s.name()).isGreaterThanOrEqualTo(s.minArgs()));
                assertThat(view.removed(section, s.words())).as(s.name()).isEmpty();
            }
        }
        assertThat(view.keywordsOf("global")).hasSizeGreaterThan(140);
        assertThat(view.bindOptions()).hasSizeGreaterThan(60);
        assertThat(view.serverOptions()).hasSizeGreaterThan(90);
        assertThat(view.fetches()).hasSizeGreaterThan(400);
        assertThat(view.converters()).hasSizeGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void theSectionTypesAreTheGrammarsSectionsOfThatVersion(HaproxyVersion v) {
        CatalogView view = KeywordCatalog.get().forVersion(v);
        // the SPOE sections belong to SPOE's own files, not to haproxy.cfg
        var grammar = new java.util.TreeSet<>(SectionKeywords.of(v));
        grammar.removeIf(s -> s.startsWith("spoe-"));
        assertThat(view.sectionTypes()).containsExactlyInAnyOrderElementsOf(grammar);
    }

    @Test
    void anUnknownSectionTypeKnowsNothing() {
        CatalogView view = KeywordCatalog.get().forVersion(HaproxyVersion.DEFAULT);
        assertThat(view.keywordsOf("nosuch")).isEmpty();
        assertThat(view.knows("nosuch", "maxconn")).isFalse();
        assertThat(view.action("nosuch", "deny")).isEmpty();
    }

    @Test
    void aCatalogOfAnotherSchemaIsRefused() {
        var in = new ByteArrayInputStream("{\"schemaVersion\": 2}".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeywordCatalog.load(in))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema 2");
    }
}
