package dev.sluice.compiler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every keyword the reference list ({@code ../shared/reference/haproxy-keywords-by-version.json},
 * extracted from HAProxy's manuals) names for a release is known to the catalog for that release:
 * global keywords in {@code global}, proxy keywords in at least one proxy section (as a keyword or
 * as the first word of one: {@code timeout} of {@code timeout connect}), options as
 * {@code option X}.
 */
class ReferenceCompletenessTest {

    private static final List<String> PROXIES = List.of("defaults", "frontend", "listen", "backend");

    /** Names the reference lists as proxy keywords that are not, with the reason. */
    private static final Map<String, String> NOT_KEYWORDS = Map.of(
            "crt", "3.4's keyword matrix lists it, but it is a bind option: the proxy parser has no such keyword",
            "hash-key", "3.0's keyword matrix lists it, but it is a server option: the proxy parser has no such keyword");

    private static JsonNode reference() throws IOException {
        String repo = System.getProperty("sluice.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        Path ref = base.resolve("../shared/reference/haproxy-keywords-by-version.json").normalize();
        if (!Files.isRegularFile(ref)) {
            return null;
        }
        return new ObjectMapper().readTree(ref.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2.4.0", "v2.6.0", "v2.8.0", "v3.0.0", "v3.2.0", "v3.4.0"})
    void everyDocumentedGlobalProxyAndOptionKeywordIsKnown(String tag) throws IOException {
        JsonNode ref = reference();
        assumeTrue(ref != null, "no reference list beside this checkout");
        JsonNode release = ref.path(tag);
        assertThat(release.isMissingNode()).as("reference has " + tag).isFalse();
        CatalogView view = KeywordCatalog.get().forVersion(HaproxyVersion.parse(tag.substring(1)));

        Set<String> missing = new TreeSet<>();
        for (JsonNode k : release.path("global")) {
            String kw = k.asText();
            if (!NOT_KEYWORDS.containsKey(kw) && !view.knows("global", kw)) {
                missing.add("global " + kw);
            }
        }
        for (JsonNode k : release.path("proxy")) {
            String kw = k.asText();
            boolean known = PROXIES.stream().anyMatch(s -> view.keywordsOf(s).stream()
                    .anyMatch(name -> name.equals(kw) || name.startsWith(kw + " ")));
            if (!NOT_KEYWORDS.containsKey(kw) && !known) {
                missing.add("proxy " + kw);
            }
        }
        for (JsonNode k : release.path("option")) {
            String kw = "option " + k.asText();
            if (PROXIES.stream().noneMatch(s -> view.knows(s, kw))) {
                missing.add(kw);
            }
        }
        assertThat(missing).as("reference keywords unknown to the " + view.version() + " catalog").isEmpty();
        assertThat(release.path("global").size()).isGreaterThan(100);
    }

    /**
     * What the reference's "sample" lists hold besides fetch and converter names: prose words and
     * section numbers its heuristics collected, and three names that are not samples.
     */
    private static final Set<String> NOT_SAMPLES = Set.of("against", "all", "any", "are", "available", "be",
            "can", "closest", "compatibility", "content", "counter", "currently", "data", "deprecated", "every",
            "for", "future", "has", "incorrect", "indicate", "is", "its", "mandatory", "matching", "methods",
            "more", "multiple", "of", "only", "order", "purposes.", "response", "sample", "sets", "support",
            "supported", "table", "the", "to", "tracked", "usable", "used", "was", "when",
            // the map_* converters' common prefix, not a converter
            "map_",
            // a proxy keyword the fetch chapter mentions
            "unique-id-format",
            // documented as a deprecated fetch in 2.6, but no longer in its source nor accepted by 2.6.12
            "set-cookie");

    @ParameterizedTest
    @ValueSource(strings = {"v2.6.0", "v3.4.0"})
    void everyDocumentedSampleNameIsAFetchConverterOrAclKeyword(String tag) throws IOException {
        JsonNode ref = reference();
        assumeTrue(ref != null, "no reference list beside this checkout");
        CatalogView view = KeywordCatalog.get().forVersion(HaproxyVersion.parse(tag.substring(1)));
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (JsonNode k : ref.path(tag).path("sample")) {
            String name = k.asText();
            if (NOT_SAMPLES.contains(name) || name.matches("[0-9.]+")) {
                continue;
            }
            checked++;
            if (view.fetch(name).isEmpty() && view.converter(name).isEmpty() && view.aclKeyword(name).isEmpty()) {
                missing.add(name);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(checked).isGreaterThan(500);
    }
}
