package dev.sluice.runtime.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of the runtime API as HAProxy does: commands separated by {@code ;}, words by
 * spaces and tabs, a backslash taking the next character as it is (an escaped {@code ;} or space
 * belongs to the word). Quotes have no meaning. A trailing carriage return is dropped.
 */
final class CliParser {

    /** HAProxy reads at most this many words of a command; the rest are ignored. */
    static final int MAX_WORDS = 64;

    private CliParser() {
    }

    /** The commands of {@code line}, each as its words; an empty line is one command without words. */
    static List<List<String>> commands(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(line.charAt(++i));
            } else if (c == ' ' || c == '\t' || c == ';') {
                if (word != null) {
                    add(words, word);
                    word = null;
                }
                if (c == ';') {
                    commands.add(words);
                    words = new ArrayList<>();
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (word != null) {
            add(words, word);
        }
        commands.add(words);
        return commands;
    }

    private static void add(List<String> words, StringBuilder word) {
        if (words.size() < MAX_WORDS) {
            words.add(word.toString());
        }
    }
}
