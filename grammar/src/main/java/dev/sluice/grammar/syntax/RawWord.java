package dev.sluice.grammar.syntax;

import java.util.List;

/**
 * A word as written in a line, before decoding.
 *
 * @param raw the source text of the word, quotes and escapes included
 * @param column the 1-based column where it starts
 * @param fragments its pieces, in order
 */
public record RawWord(String raw, int column, List<Fragment> fragments) {

    public RawWord {
        fragments = List.copyOf(fragments);
    }
}
