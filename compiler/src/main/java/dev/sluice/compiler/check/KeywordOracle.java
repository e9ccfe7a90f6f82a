package dev.sluice.compiler.check;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
