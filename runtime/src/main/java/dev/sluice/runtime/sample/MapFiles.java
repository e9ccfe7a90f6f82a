package dev.sluice.runtime.sample;

/** How HAProxy reads the lines of pattern files ({@code -f}) and map files. */
final class MapFiles {

    private MapFiles() {}

    /**
     * A pattern file's line as a pattern: leading white space dropped, trailing kept (only the line
     * end goes); null for an empty line or a comment ({@code #}).
     */
    static String pattern(String line) {
        int start = 0;
        while (start < line.length() && isSpace(line.charAt(start))) {
            start++;
        }
        int end = line.length();
        while (end > start && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        if (start == end || line.charAt(start) == '#') {
            return null;
        }
        return line.substring(start, end);
    }

    /**
     * A map file's line as {key, value}: the key is the first word, the value what follows the
     * white space after it, trailing white space dropped; null for an empty line or a comment.
     */
    static String[] entry(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && Bytes.isSpaceOrTab(line.charAt(i))) {
            i++;
        }
        while (n > i && Bytes.isLws(line.charAt(n - 1))) {
            n--;
        }
        if (i == n || line.charAt(i) == '#') {
            return null;
        }
        int keyEnd = i;
        while (keyEnd < n && !Bytes.isSpaceOrTab(line.charAt(keyEnd))) {
            keyEnd++;
        }
        int value = keyEnd;
        while (value < n && Bytes.isSpaceOrTab(line.charAt(value))) {
            value++;
        }
        return new String[] {line.substring(i, keyEnd), line.substring(value, n)};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
