package dev.sluice.grammar.diag;

/**
 * Shows a line with a caret under one of its characters, as HAProxy does under its messages:
 * blanks become spaces, unprintable bytes become '?', and a line too wide is cut around the
 * position with "..." on both sides.
 */
public final class Caret {

    private Caret() {}

    /**
     * Returns the two lines HAProxy prints: {@code "  " + prefix + line} and the caret line.
     *
     * @param line the text to show (HAProxy shows a line from its first non-blank character)
     * @param offset the 0-based offset in {@code line} to point at
     * @param width the maximum width of the shown text (80 for lines, 76 after {@code .if })
     * @param prefix text printed before the line and counted in the caret's indentation
     */
    public static String show(String line, int offset, int width, String prefix) {
        StringBuilder shown = new StringBuilder(width + 6);
        int start = 0;
        int shift = 0;
        int limit = width;
        if (offset >= width) {
            shift = offset - width / 2;
            start = shift + 3;
            limit = width - 3;
            shown.append("...");
        }
        for (int i = start; i < line.length() && shown.length() < limit; i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                shown.append(' ');
            } else if (c >= 0x20 && c < 0x7f) {
                shown.append(c);
            } else {
                shown.append('?');
            }
        }
        if (shift > 0 || offset >= width) {
            shown.append("...");
        }
        int caret = offset - shift + prefix.length();
        return "  " + prefix + shown + "\n  " + " ".repeat(caret) + "^";
    }
}
