package dev.sluice.runtime.admin;

import dev.sluice.compiler.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every command of the runtime API, and how a command line is answered: the command whose words
 * it starts with runs if the session's level allows it ({@code Permission denied} otherwise); a
 * line no command matches gets HAProxy's help, reduced to the commands it resembles.
 */
final class Commands {

    static final String PERMISSION_DENIED = "Permission denied\n";

    /** HAProxy lists at most this many close matches of an unknown command. */
    private static final int MAX_MATCHES = 5;
    /** HAProxy compares at most this many words of a command. */
    private static final int PREFIX_WORDS = 5;

    /** The lines every help ends with. */
    private static final String ALWAYS = Command.helpLine("help [<command>]", "list matching or all commands")
            + Command.helpLine("prompt", "toggle interactive mode with prompt")
            + Command.helpLine("quit", "disconnect");

    private final List<Command> commands;

    Commands(List<Command> listed) {
        List<Command> all = new ArrayList<>(listed);
        all.add(Command.of("show cli level", "show cli level", "display the level of the current CLI session",
                Level.USER, (w, s) -> s.level().id() + "\n"));
        all.add(Command.of("operator", "operator", "lower the level of the current CLI session to operator",
                Level.OPERATOR, (w, s) -> {
                    s.lower(Level.OPERATOR);
                    return "";
                }));
        all.add(Command.of("user", "user", "lower the level of the current CLI session to user", Level.USER,
                (w, s) -> {
                    s.lower(Level.USER);
                    return "";
                }));
        all.sort(Comparator.comparing(Command::usage));
        this.commands = List.copyOf(all);
    }

    /** Every command, in the order the help lists them. */
    List<Command> all() {
        return commands;
    }

    /** Runs the command {@code words}; a failure inside a command is answered, never thrown. */
    CompletableFuture<String> run(List<String> words, Session session) {
        if (words.size() == 1 && words.get(0).equals("prompt")) {
            session.toggleInteractive();
            return CompletableFuture.completedFuture("");
        }
        if (words.size() == 1 && words.get(0).equals("quit")) {
            session.requestQuit();
            return CompletableFuture.completedFuture("");
        }
        if (!words.isEmpty() && words.get(0).equals("help")) {
            return CompletableFuture.completedFuture(usage(words.subList(1, words.size()), true));
        }
        for (Command c : commands) {
            if (!c.matches(words)) {
                continue;
            }
            if (!session.level().allows(c.level())) {
                return CompletableFuture.completedFuture(PERMISSION_DENIED);
            }
            try {
                return c.handler().run(words, session).exceptionally(Commands::internalError);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(internalError(e));
            }
        }
        return CompletableFuture.completedFuture(usage(words, false));
    }

    private static String internalError(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return "Internal error: " + cause.getMessage() + "\n";
    }

    /**
     * HAProxy's help: the commands whose first words {@code words} names exactly, narrowed to
     * those its further words resemble (by their letters and letter pairs), else all of them;
     * headed by the help's title or, for a command not found, by "Unknown command".
     */
    String usage(List<String> words, boolean help) {
        int length = 0;
        for (Command c : commands) {
            length = Math.max(length, matchingWords(c, words));
        }
        StringBuilder out = new StringBuilder();
        if (help) {
            out.append("The following commands are valid at this level:\n");
        } else if (length == 0 && (words.isEmpty() || words.get(0).isEmpty())) {
            out.append("Unknown command. Please enter one of the following commands only:\n");
        } else {
            out.append("Unknown command, but maybe one of the following ones is a better match:\n");
        }
        List<Command> entries = new ArrayList<>();
        if (length < words.size()) {
            List<Command> best = new ArrayList<>();
            List<Integer> distances = new ArrayList<>();
            List<String> rest = words.subList(length, Math.min(words.size(), PREFIX_WORDS));
            byte[] typed = Suggestions.fingerprint(rest);
            int typedLength = rest.stream().mapToInt(String::length).sum();
            for (Command c : commands) {
                if (matchingWords(c, words) < length) {
                    continue;
                }
                List<String> known = c.keywords().subList(Math.min(length, c.keywords().size()),
                        Math.min(c.keywords().size(), PREFIX_WORDS));
                int total = typedLength + known.stream().mapToInt(String::length).sum();
                int d = Suggestions.distance(typed, Suggestions.fingerprint(known));
                if (d >= 5 * total / 2) {
                    continue;
                }
                int at = 0;
                while (at < distances.size() && distances.get(at) <= d) {
                    at++;
                }
                if (at < MAX_MATCHES) {
                    best.add(at, c);
                    distances.add(at, d);
                    if (best.size() > MAX_MATCHES) {
                        best.remove(MAX_MATCHES);
                        distances.remove(MAX_MATCHES);
                    }
                }
            }
            for (int i = 0; i < best.size() && distances.get(i) <= 5 * distances.get(0) / 2; i++) {
                entries.add(best.get(i));
            }
        }
        if (entries.isEmpty()) {
            for (Command c : commands) {
                if (matchingWords(c, words) >= length) {
                    entries.add(c);
                }
            }
        }
        entries.sort(Comparator.comparing(Command::usage));
        entries.forEach(c -> out.append(c.helpLine()));
        return out.append(ALWAYS).toString();
    }

    /** How many of {@code words} match {@code c}'s first keywords exactly. */
    private static int matchingWords(Command c, List<String> words) {
        int n = 0;
        while (n < c.keywords().size() && n < words.size() && n < PREFIX_WORDS
                && c.keywords().get(n).equals(words.get(n))) {
            n++;
        }
        return n;
    }
}
