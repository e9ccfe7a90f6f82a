package dev.sluice.compiler;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * "Did you mean ...?": the closest known word to an unknown one, measured as HAProxy measures it,
 * so that Sluice suggests what HAProxy suggests. A word's fingerprint counts its letters and its
 * transitions between character classes (each letter, digits, anything else, the word's ends);
 * the distance between two words is how much their fingerprints differ. A candidate further
 * than twice the length of either word is no suggestion.
 */
public final class Suggestions {

    private static final int BEGIN_OR_OTHER = 28;
    private static final int DIGIT = 27;

    private Suggestions() {}

    /** The closest of {@code candidates} to {@code word}, first one winning ties, if close enough. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        byte[] target = fingerprint(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(target, fingerprint(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null || bestDistance > 2 * word.length() || bestDistance > 2 * best.length()) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    static byte[] fingerprint(String word) {
        return fingerprint(List.of(word));
    }

    /**
     * The fingerprint of several words taken together, as HAProxy's runtime API measures how
     * close an unknown command is to each known one.
     */
    public static byte[] fingerprint(List<String> words) {
        byte[] fp = new byte[1024];
        for (String word : words) {
            add(fp, word);
        }
        return fp;
    }

    private static void add(byte[] fp, String word) {
        int from = BEGIN_OR_OTHER;
        for (int i = 0; i < word.length(); i++) {
            int to = charClass(word.charAt(i));
            fp[to] = 1;
            fp[32 * from + to]++;
            from = to;
        }
        fp[32 * from + BEGIN_OR_OTHER]++;
    }

    private static int charClass(char c) {
        char l = Character.toLowerCase(c);
        if (l >= 'a' && l <= 'z') {
            return l - 'a' + 1;
        }
        if (c >= '0' && c <= '9') {
            return DIGIT;
        }
        return BEGIN_OR_OTHER;
    }

    /** How much two fingerprints differ. */
    public static int distance(byte[] a, byte[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }
}
