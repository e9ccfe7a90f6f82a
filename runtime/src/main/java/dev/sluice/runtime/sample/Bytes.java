package dev.sluice.runtime.sample;

import java.nio.charset.StandardCharsets;

/** Byte strings: one {@code char} per byte, ASCII case folding as HAProxy's C locale does it. */
final class Bytes {

    private Bytes() {}

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = s.toCharArray();
                for (int j = i; j < out.length; j++) {
                    out[j] = lower(out[j]);
                }
                return new String(out);
            }
        }
        return s;
    }

    static String upper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                char[] out = s.toCharArray();
                for (int j = i; j < out.length; j++) {
                    out[j] = upper(out[j]);
                }
                return new String(out);
            }
        }
        return s;
    }

    /** {@code a.regionMatches} with ASCII-only case folding when {@code ignoreCase}. */
    static boolean regionMatches(String a, int aOff, String b, int bOff, int len, boolean ignoreCase) {
        if (!ignoreCase) {
            return a.regionMatches(aOff, b, bOff, len);
        }
        for (int i = 0; i < len; i++) {
            if (lower(a.charAt(aOff + i)) != lower(b.charAt(bOff + i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    /** HTTP linear white space: space, tab, CR, LF. */
    static boolean isLws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
