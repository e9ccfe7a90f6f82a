package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Address;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code stats socket} lines of the global section, read as written. */
final class StatsSockets {

    /** The level a socket gets without {@code level}. */
    static final String DEFAULT_LEVEL = "operator";

    /**
     * One {@code stats socket} line.
     *
     * @param line the line
     * @param address where it listens
     */
    record Socket(Directive line, Address address) {

        /** The word after option {@code name} on the line, if the option is there. */
        Optional<Word> option(String name) {
            List<Word> w = line.words();
            for (int i = 3; i + 1 < w.size(); i++) {
                if (w.get(i).value().equals(name)) {
                    return Optional.of(w.get(i + 1));
                }
            }
            return Optional.empty();
        }

        String level() {
            return option("level").map(Word::value).orElse(DEFAULT_LEVEL);
        }

        Word addressWord() {
            return line.words().get(2);
        }
    }

    private StatsSockets() {
    }

    static List<Socket> of(LintContext context) {
        List<Socket> found = new ArrayList<>();
        for (Directive d : context.model().global("stats", "socket")) {
            if (d.words().size() < 3) {
                continue;
            }
            try {
                found.add(new Socket(d, Address.parse(d.arg(2))));
            } catch (IllegalArgumentException e) {
                // not an address the checker accepts: it reports it
            }
        }
        return found;
    }
}
