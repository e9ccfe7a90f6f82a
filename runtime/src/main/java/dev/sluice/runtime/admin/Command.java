package dev.sluice.runtime.admin;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A command of the runtime API: the words that name it, its help line, the level it needs, and
 * what it does.
 *
 * @param keywords the words that name it ({@code show}, {@code servers}, {@code state})
 * @param usage how to call it, as the help lists it ({@code show servers state [<backend>]})
 * @param description what it does, in a few words
 * @param level the lowest level that may run it
 * @param handler what it does
 */
record Command(List<String> keywords, String usage, String description, Level level, Handler handler) {

    /** Runs a command. */
    @FunctionalInterface
    interface Handler {

        /**
         * Runs with the command's words ({@code words}, its keywords first) for {@code session};
         * the answer, every line ended by a newline (or nothing). Runs on the session's event loop:
         * it must not block, and answers later (a reload) through the future.
         */
        CompletableFuture<String> run(List<String> words, Session session);
    }

    Command {
        keywords = List.copyOf(keywords);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(handler, "handler");
    }

    /** A command that answers at once. */
    static Command of(String keywords, String usage, String description, Level level,
            java.util.function.BiFunction<List<String>, Session, String> answer) {
        return new Command(List.of(keywords.split(" ")), usage, description, level,
                (words, session) -> CompletableFuture.completedFuture(answer.apply(words, session)));
    }

    /** Whether {@code words} start with this command's keywords. */
    boolean matches(List<String> words) {
        return words.size() >= keywords.size() && words.subList(0, keywords.size()).equals(keywords);
    }

    /** Its line in the help: HAProxy's layout, the usage padded to 40 characters. */
    String helpLine() {
        return helpLine(usage, description);
    }

    static String helpLine(String usage, String description) {
        return "  " + String.format("%-40s", usage) + ": " + description + "\n";
    }
}
