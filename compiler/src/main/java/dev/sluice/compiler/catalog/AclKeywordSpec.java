package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * An ACL keyword: a fetch with an implied match method ({@code hdr_beg} is {@code req.hdr -m beg}).
 *
 * @param name the ACL keyword
 * @param since the first catalogued version that has it
 * @param last the last catalogued version that has it, empty when the newest still does
 * @param fetch the sample fetch it reads
 * @param match the match method it implies ({@code str}, {@code beg}, {@code sub}, {@code reg}, ...)
 */
public record AclKeywordSpec(String name, HaproxyVersion since, Optional<HaproxyVersion> last, String fetch,
        String match) {

    public AclKeywordSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(match, "match");
    }
}
