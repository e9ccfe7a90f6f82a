package dev.sluice.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Each rule's documentation page, {@code docs/rules/ID.md} in the repository, packaged beside the
 * classes: what it flags, why, a bad and a good example.
 */
public final class RuleDocs {

    private RuleDocs() {
    }

    /** The page of rule {@code id}, as Markdown. */
    public static Optional<String> markdown(String id) {
        try (InputStream in = RuleDocs.class.getResourceAsStream("rules/" + id + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
