package dev.sluice.grammar.syntax;

import java.util.List;

/**
 * A piece of a written word, as the lexer saw it. Columns are 1-based positions in the line.
 * The decoder turns a word's fragments into values, following HAProxy's rules.
 */
public sealed interface Fragment {

    /** The 1-based column where the fragment starts. */
    int column();

    /** Text that stands for itself (outside quotes, or inside double quotes). */
    record Text(int column, String text) implements Fragment {}

    /** A backslash escape ({@code \t}, {@code \x41}, {@code \ }) and the character it stands for. */
    record Escape(int column, char value) implements Fragment {}

    /** A backslash that starts no escape: it stands for itself. */
    record Backslash(int column) implements Fragment {}

    /** {@code \x} not followed by two hexadecimal digits. */
    record BadHex(int column) implements Fragment {}

    /** A single-quoted string; nothing inside is interpreted. */
    record SingleQuoted(int column, String text, boolean closed) implements Fragment {}

    /** A double-quoted string: text, escapes and variables. */
    record DoubleQuoted(int column, List<Fragment> parts, boolean closed) implements Fragment {
        public DoubleQuoted {
            parts = List.copyOf(parts);
        }
    }

    /**
     * An environment variable reference inside double quotes.
     *
     * @param name the name ({@code .LINE} for HAProxy's pseudo-variables)
     * @param nameColumn where the name starts
     * @param braced written {@code ${...}}
     * @param expand written {@code ${NAME[*]}}: the value splits into several words on blanks
     * @param defaultValue the text after {@code -} in {@code ${NAME-default}}, or null
     */
    record Variable(int column, String name, int nameColumn, boolean braced, boolean expand, String defaultValue)
            implements Fragment {}

    /** A malformed variable reference; {@code errorColumn} is where HAProxy points. */
    record BadVariable(int column, Kind kind, int errorColumn) implements Fragment {
        /** Which of HAProxy's variable errors it is. */
        public enum Kind {
            /** {@code $} or <code>${</code> not followed by a letter, '_' or '.'. */
            FORBIDDEN_FIRST_CHAR,
            /** <code>${NAME</code> without its closing brace. */
            UNMATCHED_BRACE,
            /** <code>${NAME[</code> not followed by {@code *]}. */
            BAD_EXPANSION
        }
    }
}
