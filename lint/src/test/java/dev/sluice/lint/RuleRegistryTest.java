package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule is registered, documented and tested, and no two share an id. */
class RuleRegistryTest {

    @Test
    void idsAreUnique() {
        List<String> ids = BuiltInRules.metas().stream().map(RuleMeta::id).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void thereAreAtLeastFortyRules() {
        assertThat(BuiltInRules.ALL).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void everyRuleClassIsRegistered() throws IOException, URISyntaxException {
        Path dir = Path.of(Rule.class.getResource("rules").toURI());
        Set<String> registered = new HashSet<>();
        BuiltInRules.ALL.forEach(r -> registered.add(r.getClass().getName()));
        List<String> unregistered = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                String name = "dev.sluice.lint.rules." + file.substring(0, file.length() - ".class".length());
                try {
                    Class<?> c = Class.forName(name);
                    if (Rule.class.isAssignableFrom(c) && !c.isInterface()
                            && !java.lang.reflect.Modifier.isAbstract(c.getModifiers()) && !registered.contains(name)) {
                        unregistered.add(name);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(unregistered).as("rule classes missing from their family's ALL list").isEmpty();
    }

    @Test
    void everyRuleAndFindingKindHasAPage() {
        List<String> problems = new ArrayList<>();
        for (RuleMeta meta : BuiltInRules.metas()) {
            String page = RuleDocs.markdown(meta.id()).orElse(null);
            if (page == null) {
                problems.add(meta.id() + ": no docs/rules/" + meta.id() + ".md");
                continue;
            }
            if (!page.startsWith("# " + meta.id() + "\n")) {
                problems.add(meta.id() + ": the page must start with '# " + meta.id() + "'");
            }
            for (String heading : List.of("## Why", "## Bad", "## Good")) {
                if (!page.contains("\n" + heading + "\n")) {
                    problems.add(meta.id() + ": the page has no '" + heading + "' section");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noPageWithoutARule() throws IOException {
        Set<String> ids = new HashSet<>();
        BuiltInRules.metas().forEach(m -> ids.add(m.id()));
        try (Stream<Path> pages = Files.list(Path.of("../docs/rules"))) {
            List<String> orphans = pages.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .filter(id -> !ids.contains(id))
                    .toList();
            assertThat(orphans).as("pages in docs/rules/ of no rule").isEmpty();
        }
    }

    @Test
    void theRulesPageListsEveryRule() throws IOException {
        String index = Files.readString(Path.of("../docs/lint.md"));
        List<String> missing = BuiltInRules.metas().stream().map(RuleMeta::id)
                .filter(id -> !index.contains("[`" + id + "`](rules/" + id + ".md)"))
                .toList();
        assertThat(missing).as("rules missing from the table in docs/lint.md").isEmpty();
    }

    @Test
    void everyRuleHasABadAndAGoodFixture() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Rule rule : BuiltInRules.ALL) {
            String id = rule.meta().id();
            Path dir = RuleFixturesTest.ROOT.resolve(id);
            if (!Files.isDirectory(dir)) {
                problems.add(id + ": no fixtures in " + dir);
                continue;
            }
            boolean flagged = false;
            boolean clean = false;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (!p.toString().endsWith(".cfg")) {
                        continue;
                    }
                    List<String> expected = RuleFixturesTest.expectations(RuleFixturesTest.read(p));
                    if (expected.stream().anyMatch(e -> e.endsWith(" " + id))) {
                        flagged = true;
                    }
                    if (expected.isEmpty()) {
                        clean = true;
                    }
                }
            }
            if (!flagged) {
                problems.add(id + ": no fixture expects a finding of the rule");
            }
            if (!clean) {
                problems.add(id + ": no clean fixture (one without '# expect:')");
            }
        }
        assertThat(problems).isEmpty();
    }
}
