package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that reads configurations. */
final class ParserOptions {

    @Option(names = "--target-version", paramLabel = "VERSION", converter = TargetVersionConverter.class,
            description = "HAProxy version to follow (default: ${DEFAULT-VALUE}).",
            defaultValue = "3.4")
    HaproxyVersion targetVersion = HaproxyVersion.DEFAULT;

    ParseOptions toParseOptions() {
        return ParseOptions.defaults().withVersion(targetVersion);
    }
}
