package dev.sluice.compiler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclDefinition;
import dev.sluice.grammar.expr.AclParser;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.AndGroup;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.ConditionParser;
import dev.sluice.grammar.expr.Converter;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.SampleExpr;
import dev.sluice.grammar.expr.Term;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every configuration HAProxy 2.6.12 accepted in the corpus uses only what the 2.6 catalog
 * knows: its directives' keywords in their sections, bind and server options, rule actions, and
 * the fetches and converters of its ACLs and conditions. A catalog that rejected any of them
 * would make a validator refuse a valid configuration.
 */
class CorpusCoverageTest {

    private static final CatalogView V26 = KeywordCatalog.get().forVersion(HaproxyVersion.V2_6);

    private static List<OkCorpus.Config> configs;

    @BeforeAll
    static void read() throws IOException {
        configs = OkCorpus.configs();
    }

    @Test
    void theCorpusIsThere() {
        assumeTrue(OkCorpus.root() != null, "no corpus beside this checkout");
        assertThat(configs).hasSize(204);
    }

    @Test
    void everyDirectiveKeywordIsKnownInItsSection() {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                if (!V26.sectionTypes().contains(s.type())) {
                    missing.add(c.name() + ": section type " + s.type());
                    continue;
                }
                for (Directive d : s.directives()) {
                    List<String> words = values(d.words());
                    checked++;
                    if (V26.lookup(s.type(), words).isEmpty()) {
                        missing.add(c.name() + ":" + d.span().line() + ": [" + s.type() + "] " + String.join(" ", words));
                    }
                }
            }
        }
        assertThat(missing).as("directives of accepted configurations unknown to the 2.6 catalog").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(configs.isEmpty() ? 0 : 1000);
    }

    @Test
    void everyBindOptionIsKnown() {
        Set<String> missing = new TreeSet<>();
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                for (Directive d : s.directives()) {
                    List<String> w = values(d.words());
                    int from = switch (w.get(0)) {
                        case "bind", "dgram-bind" -> 2;
                        case "default-bind" -> 1;
                        default -> -1;
                    };
                    if (from < 0) {
                        continue;
                    }
                    for (int i = from; i < w.size(); i++) {
                        var opt = V26.bindOption(w.get(i));
                        if (opt.isEmpty()) {
                            missing.add(c.name() + ":" + d.span().line() + ": bind option " + w.get(i));
                            break;
                        }
                        i += opt.get().values();
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyServerOptionIsKnown() {
        Set<String> missing = new TreeSet<>();
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                for (Directive d : s.directives()) {
                    List<String> w = values(d.words());
                    int from = switch (w.get(0)) {
                        case "server", "peer" -> 3;
                        case "default-server" -> 1;
                        case "server-template" -> 4;
                        default -> -1;
                    };
                    if (from < 0 || !V26.knows(s.type(), w.get(0))) {
                        continue;
                    }
                    if (s.type().equals("peers") && w.size() > 2 && V26.serverOption(w.get(2)).isPresent()) {
                        from = 2; // a peers section's local server may omit its address
                    }
                    for (int i = from; i < w.size(); i++) {
                        var opt = V26.serverOption(w.get(i));
                        if (opt.isEmpty()) {
                            missing.add(c.name() + ":" + d.span().line() + ": server option " + w.get(i));
                            break;
                        }
                        if (opt.get().moreValues()) {
                            break; // "source ... usesrc ...": the option reads the words it knows
                        }
                        i += opt.get().values();
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRuleActionIsKnown() {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                for (Directive d : s.directives()) {
                    List<String> w = values(d.words());
                    var spec = V26.lookup(s.type(), w);
                    if (spec.isEmpty() || spec.get().ruleSet().isEmpty()) {
                        continue;
                    }
                    String ruleSet = spec.get().ruleSet().get();
                    int at = spec.get().words().size();
                    if (at >= w.size()) {
                        continue;
                    }
                    String action = w.get(at);
                    checked++;
                    if (action.startsWith("lua.")) {
                        continue; // registered by a Lua script at run time
                    }
                    if (V26.action(ruleSet, action).isEmpty()) {
                        missing.add(c.name() + ":" + d.span().line() + ": " + ruleSet + " " + action);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(configs.isEmpty() ? 0 : 300);
    }

    @Test
    void everyFetchAndConverterOfAclsAndConditionsIsKnown() {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                for (Directive d : s.directives()) {
                    String where = c.name() + ":" + d.span().line() + ": ";
                    List<String> w = values(d.words());
                    if (w.get(0).equals("acl") && w.size() > 2) {
                        AclDefinition def;
                        try {
                            def = AclParser.parseDefinition(d.args(), d.span());
                        } catch (ExprSyntaxException e) {
                            continue;
                        }
                        checked += check(def.expr().criterion(), where, missing);
                        continue;
                    }
                    int cond = conditionStart(w);
                    if (cond < 0) {
                        continue;
                    }
                    Condition condition;
                    try {
                        condition = ConditionParser.parse(d.words().subList(cond, d.words().size()));
                    } catch (ExprSyntaxException e) {
                        continue;
                    }
                    for (AndGroup g : condition.or()) {
                        for (Term t : g.terms()) {
                            if (t instanceof AnonymousAcl anon) {
                                checked += check(anon.expr().criterion(), where, missing);
                            } else if (t instanceof dev.sluice.grammar.expr.AclRef ref
                                    && V26.predefinedAcls().containsKey(ref.name())) {
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(configs.isEmpty() ? 0 : 250);
    }

    /**
     * The fetches of the anonymous ACLs in a rule's condition may be used in that rule set
     * ({@code res.hdr} is not available to {@code http-request}).
     */
    @Test
    void anonymousAclFetchesAreUsableInTheirRuleSet() {
        Set<String> wrong = new TreeSet<>();
        int checked = 0;
        for (OkCorpus.Config c : configs) {
            for (Section s : c.sections()) {
                for (Directive d : s.directives()) {
                    List<String> w = values(d.words());
                    var spec = V26.lookup(s.type(), w);
                    int cond = conditionStart(w);
                    if (spec.isEmpty() || spec.get().ruleSet().isEmpty() || cond < 0) {
                        continue;
                    }
                    String ruleSet = spec.get().ruleSet().get();
                    Condition condition;
                    try {
                        condition = ConditionParser.parse(d.words().subList(cond, d.words().size()));
                    } catch (ExprSyntaxException e) {
                        continue;
                    }
                    for (AndGroup g : condition.or()) {
                        for (Term t : g.terms()) {
                            if (!(t instanceof AnonymousAcl anon)) {
                                continue;
                            }
                            String name = anon.expr().criterion().fetch().name();
                            String fetch = V26.fetch(name).isPresent() ? name
                                    : V26.aclKeyword(name).map(AclKeywordSpec::fetch).orElse(null);
                            if (fetch == null || V26.fetch(fetch).isEmpty()) {
                                continue;
                            }
                            checked++;
                            if (!V26.fetch(fetch).get().usableIn(ruleSet)) {
                                wrong.add(c.name() + ":" + d.span().line() + ": " + name + " in " + ruleSet);
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(configs.isEmpty() ? 0 : 50);
    }

    private static int check(SampleExpr expr, String where, Set<String> missing) {
        String fetch = expr.fetch().name();
        if (!fetch.startsWith("lua.") && V26.fetch(fetch).isEmpty() && V26.aclKeyword(fetch).isEmpty()) {
            missing.add(where + "fetch " + fetch);
        }
        for (Converter conv : expr.converters()) {
            if (!conv.name().startsWith("lua.") && V26.converter(conv.name()).isEmpty()) {
                missing.add(where + "converter " + conv.name());
            }
        }
        return 1;
    }

    /** The index of the first {@code if} / {@code unless} word after the keyword, or -1. */
    private static int conditionStart(List<String> w) {
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i).equals("if") || w.get(i).equals("unless")) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> values(List<Word> words) {
        return words.stream().map(Word::value).toList();
    }
}
