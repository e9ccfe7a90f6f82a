package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;

/** Test input: a line cut into words at spaces; {@code ""} stands for an empty word. */
final class Words {

    static final String FILE = "test.cfg";

    private Words() {}

    static List<Word> of(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            String raw = line.substring(start, i);
            words.add(new Word(raw.equals("\"\"") ? "" : raw, raw, new SourceSpan(FILE, 1, start + 1)));
        }
        return words;
    }

    static SourceSpan at(int column) {
        return new SourceSpan(FILE, 1, column);
    }
}
