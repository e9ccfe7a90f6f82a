package dev.sluice.compiler.catalog;

import dev.sluice.grammar.HaproxyVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * A keyword HAProxy refuses with a message of its own: one that was removed ({@code reqrep},
 * {@code nbproc}), or one that only belongs inside another line ({@code usesrc}).
 *
 * @param section the section type
 * @param name the keyword ({@code reqrep}, {@code option forceclose}, {@code nbproc})
 * @param since the first catalogued version that reports it as removed
 * @param message HAProxy's message (after its {@code parsing [file:line] :} prefix)
 * @param replacement the keyword the message suggests instead, when it names one
 * @param removedIn the version the message says it was removed in, when it says
 */
public record RemovedKeyword(String section, String name, HaproxyVersion since, String message,
        Optional<String> replacement, Optional<String> removedIn) {

    public RemovedKeyword {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(removedIn, "removedIn");
    }
}
