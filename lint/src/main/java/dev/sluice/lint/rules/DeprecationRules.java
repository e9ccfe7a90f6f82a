package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import java.util.List;

/** The deprecation rules, in the order `sluice lint --list-rules` shows them. */
public final class DeprecationRules {

    public static final List<Rule> ALL = List.of(
            new RemovedKeyword(),
            new DeprecatedKeyword(),
            new OptionHttpcloseSemantics());

    private DeprecationRules() {
    }
}
