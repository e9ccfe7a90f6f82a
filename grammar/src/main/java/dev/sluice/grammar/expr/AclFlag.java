package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of an ACL expression, between the criterion and the values, e.g. {@code -i} or
 * {@code -f /etc/haproxy/blocked.lst}.
 *
 * @param kind which option
 * @param word the option word itself
 * @param argument the word after it, for the options that take one ({@code -f}, {@code -m},
 *     {@code -u}); empty for the others
 */
public record AclFlag(Kind kind, Word word, Optional<Word> argument) {

    public AclFlag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(argument, "argument");
    }

    /** Where the option word starts. */
    public SourceSpan span() {
        return word.span();
    }

    /** The ACL options HAProxy knows. */
    public enum Kind {
        /** {@code -i}: ignore case in the patterns that follow. */
        IGNORE_CASE("-i", false),
        /** {@code -n}: no DNS resolution of the patterns. */
        NO_DNS("-n", false),
        /** {@code -M}: load the pattern files as maps. */
        MAP_FORMAT("-M", false),
        /** {@code -u ID}: the unique id of the pattern reference. */
        UNIQUE_ID("-u", true),
        /** {@code -f FILE}: load patterns from a file. */
        PATTERN_FILE("-f", true),
        /** {@code -m METHOD}: force the match method. */
        MATCH_METHOD("-m", true),
        /** {@code --}: end of the options, so that a pattern may start with '-'. */
        END_OF_OPTIONS("--", false);

        private final String spelling;
        private final boolean takesArgument;

        Kind(String spelling, boolean takesArgument) {
            this.spelling = spelling;
            this.takesArgument = takesArgument;
        }

        /** How the option is written, e.g. {@code -f}. */
        public String spelling() {
            return spelling;
        }

        /** True when the option takes the next word as its argument. */
        public boolean takesArgument() {
            return takesArgument;
        }
    }
}
