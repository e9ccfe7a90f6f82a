package dev.sluice.cli;

import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.grammar.HaproxyVersion;

/** The keyword catalog the checker uses for a target version. */
final class Keywords {

    private Keywords() {}

    static KeywordOracle forVersion(HaproxyVersion version) {
        return CatalogOracle.forVersion(version);
    }
}
