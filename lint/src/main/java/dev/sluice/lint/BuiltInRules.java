package dev.sluice.lint;

import dev.sluice.lint.rules.CorrectnessRules;
import dev.sluice.lint.rules.DeprecationRules;
import dev.sluice.lint.rules.ReliabilityRules;
import dev.sluice.lint.rules.SecurityRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every rule Sluice ships, family by family. A test checks that each is documented and tested. */
public final class BuiltInRules {

    public static final List<Rule> ALL = concat(CorrectnessRules.ALL, ReliabilityRules.ALL, SecurityRules.ALL,
            DeprecationRules.ALL);

    private BuiltInRules() {
    }

    /** The rule with this id. */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.meta().id().equals(id)).findFirst();
    }

    /** The metadata of every rule and of the linter's own findings, for reports. */
    public static List<RuleMeta> metas() {
        List<RuleMeta> all = new ArrayList<>();
        ALL.forEach(r -> all.add(r.meta()));
        all.addAll(MetaRules.ALL);
        return all;
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... families) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> f : families) {
            all.addAll(f);
        }
        return List.copyOf(all);
    }
}
