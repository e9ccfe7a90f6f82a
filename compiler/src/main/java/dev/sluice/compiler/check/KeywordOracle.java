package dev.sluice.compiler.check;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** What the keyword catalog tells the checker: which keywords a section knows. */
public interface KeywordOracle {

    /** True when {@code words} start with a keyword the section {@code sectionType} accepts. */
    boolean knows(String sectionType, List<String> words);

    /** The first words of the section's keywords, in a stable order, for suggestions. */
    Collection<String> candidates(String sectionType);

    /** The names of the {@code option X} keywords of the section, for suggestions. */
    default Collection<String> options(String sectionType) {
        return List.of();
    }

    /** True when {@code action} ends the evaluation of {@code ruleSet} ({@code http-request deny}). */
    default boolean isFinalAction(String ruleSet, String action) {
        return false;
    }

    /**
     * How many words follow a {@code bind} option: empty when HAProxy has no such option, -1 when
     * it takes a variable number the option recognises itself.
     */
    default OptionalInt bindOptionValues(String name) {
        return OptionalInt.of(-1);
    }

    /** As {@link #bindOptionValues}, for {@code server} and {@code default-server} options. */
    default OptionalInt serverOptionValues(String name) {
        return OptionalInt.of(-1);
    }

    /** The bind options' names, for suggestions. */
    default Collection<String> bindOptionNames() {
        return List.of();
    }

    /** The server options' names, for suggestions. */
    default Collection<String> serverOptionNames() {
        return List.of();
    }

    /** True when {@code ruleSet} ({@code http-request}, {@code tcp-request content}, ...) has the action. */
    default boolean knowsAction(String ruleSet, String action) {
        return true;
    }

    /** The actions of a rule set, for HAProxy's "expects ..." message. */
    default Collection<String> actions(String ruleSet) {
        return List.of();
    }

    /** True for a sample fetch, or an ACL keyword such as {@code hdr_beg}. */
    default boolean knowsFetch(String name) {
        return true;
    }

    /**
     * When fetch {@code name} cannot run in {@code ruleSet} (a response header in
     * {@code http-request}): what it needs, in HAProxy's words ("HTTP response headers").
     */
    default Optional<String> fetchUnavailable(String ruleSet, String name) {
        return Optional.empty();
    }

    /**
     * The keyword {@code words} start with and the most arguments HAProxy accepts after it, when
     * HAProxy counts them ({@code retries} takes 1, {@code option httplog} takes 1).
     */
    default Optional<Map.Entry<String, Integer>> argumentLimit(String sectionType, List<String> words) {
        return Optional.empty();
    }

    /** True for a converter such as {@code lower}. */
    default boolean knowsConverter(String name) {
        return true;
    }

    /**
     * The sample fetch {@code name} with its argument types, output type and sources, so that
     * its arguments can be checked as HAProxy's argument parser checks them; empty when unknown
     * (or when this oracle does not tell).
     */
    default Optional<SampleKeyword> fetch(String name) {
        return Optional.empty();
    }

    /** As {@link #fetch}, for the converter {@code name}. */
    default Optional<SampleKeyword> converter(String name) {
        return Optional.empty();
    }

    /**
     * For an ACL keyword ({@code hdr_beg}, {@code path}): the sample fetch it runs, whose
     * arguments it takes. HAProxy looks ACL keywords up before fetches in ACL criteria.
     */
    default Optional<String> aclKeywordFetch(String name) {
        return Optional.empty();
    }

    /**
     * For a predefined ACL ({@code HTTP}, {@code METH_GET}): the criterion it tests, a fetch or
     * an ACL keyword possibly with arguments ({@code req.hdr_val(content-length)}).
     */
    default Optional<String> predefinedAclCriterion(String name) {
        return Optional.empty();
    }

    /** True for an ACL that HAProxy defines itself ({@code TRUE}, {@code HTTP}, {@code LOCALHOST}, ...). */
    default boolean isPredefinedAcl(String name) {
        return true;
    }

    /** HAProxy's message for a keyword that was removed, when {@code words} start with one. */
    Optional<String> removedMessage(String sectionType, List<String> words);

    /** An oracle that knows every keyword: checks nothing. */
    KeywordOracle PERMISSIVE = new KeywordOracle() {
        @Override
        public boolean knows(String sectionType, List<String> words) {
            return true;
        }

        @Override
        public Collection<String> candidates(String sectionType) {
            return List.of();
        }

        @Override
        public Optional<String> removedMessage(String sectionType, List<String> words) {
            return Optional.empty();
        }
    };
}
