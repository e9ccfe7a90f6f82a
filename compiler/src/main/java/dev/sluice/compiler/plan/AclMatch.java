package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * One ACL expression compiled: a sample, how to compare it and what with. Integer operators are
 * applied as HAProxy applies them: {@code gt 5} becomes the pattern {@code 6:}.
 *
 * @param criterion the sample to test
 * @param method the match method, explicit ({@code -m}) or implied by the keyword or the sample's type
 * @param ignoreCase {@code -i}
 * @param noDns {@code -n}: patterns are never resolved as host names
 * @param mapFormat {@code -M}: pattern files are read as maps
 * @param uniqueId {@code -u}: the pattern reference's id, or null
 * @param patterns the patterns, in order
 * @param patternFiles the files of {@code -f}, in order
 */
public record AclMatch(SampleCall criterion, MatchMethod method, boolean ignoreCase, boolean noDns,
        boolean mapFormat, Long uniqueId, List<String> patterns, List<String> patternFiles) {

    public AclMatch {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(method, "method");
        patterns = List.copyOf(patterns);
        patternFiles = List.copyOf(patternFiles);
    }
}
