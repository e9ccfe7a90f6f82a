package dev.sluice.lint;

import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ast.Config;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule looks at: the configuration as written (with positions), its compiled plan when it
 * compiles, the index of its proxies, and the keyword catalog of the target HAProxy version.
 */
public final class LintContext {

    private final Config config;
    private final Optional<Plan> plan;
    private final CatalogView catalog;
    private final LintModel model;

    public LintContext(Config config, Optional<Plan> plan, CatalogView catalog) {
        this.config = Objects.requireNonNull(config, "config");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.model = new LintModel(config, plan);
    }

    /** The configuration as written. */
    public Config config() {
        return config;
    }

    /** The compiled plan; empty when the configuration does not compile. */
    public Optional<Plan> plan() {
        return plan;
    }

    /** The catalog of the target version: which keywords exist, are deprecated or removed. */
    public CatalogView catalog() {
        return catalog;
    }

    public HaproxyVersion target() {
        return catalog.version();
    }

    public LintModel model() {
        return model;
    }
}
