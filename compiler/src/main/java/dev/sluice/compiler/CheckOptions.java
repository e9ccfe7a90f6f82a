package dev.sluice.compiler;

import dev.sluice.grammar.ParseOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to check a configuration.
 *
 * @param parse the parser's options, the target HAProxy version among them
 * @param offline turn every check that depends on the machine (files, host names, users) into a notice
 * @param relaxedDns {@code -dr}: a server whose address does not resolve is not an error
 * @param workDir where relative file names start, as HAProxy's working directory
 */
public record CheckOptions(ParseOptions parse, boolean offline, boolean relaxedDns, Path workDir) {

    public CheckOptions {
        Objects.requireNonNull(parse, "parse");
        Objects.requireNonNull(workDir, "workDir");
    }

    public static CheckOptions of(ParseOptions parse) {
        return new CheckOptions(parse, false, false, Path.of("").toAbsolutePath());
    }

    public CheckOptions withWorkDir(Path dir) {
        return new CheckOptions(parse, offline, relaxedDns, dir);
    }

    public CheckOptions withOffline(boolean value) {
        return new CheckOptions(parse, value, relaxedDns, workDir);
    }

    public CheckOptions withRelaxedDns(boolean value) {
        return new CheckOptions(parse, offline, value, workDir);
    }
}
