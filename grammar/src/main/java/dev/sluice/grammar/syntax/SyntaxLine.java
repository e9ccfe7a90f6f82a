package dev.sluice.grammar.syntax;

import java.util.List;

/**
 * One physical line of a file as the tokenizer sees it, before decoding: what the formatter
 * works on, so that nothing written (quoting style, skipped conditional blocks) is lost.
 *
 * @param number the 1-based line number
 * @param text the line without its line terminator
 * @param words the written words, in order
 * @param comment the comment, from its '#' to the end of the line, or null
 * @param rest what follows a CR or NUL inside the line (HAProxy ignores it), or null
 * @param terminated whether the line ended with LF
 */
public record SyntaxLine(int number, String text, List<RawWord> words, String comment, String rest,
        boolean terminated) {

    public SyntaxLine {
        words = List.copyOf(words);
    }

    /** True when the line has no word (blank or comment only). */
    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** The offset of the first character that is not a blank, as HAProxy skips them. */
    public int indent() {
        int i = 0;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** True for the blanks that separate words: space, tab, vertical tab, form feed. */
    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
    }
}
