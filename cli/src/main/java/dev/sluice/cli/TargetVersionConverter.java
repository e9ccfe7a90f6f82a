package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import picocli.CommandLine;

/** Converts {@code --target-version 2.6} into a version, with a usage error when it is not one. */
final class TargetVersionConverter implements CommandLine.ITypeConverter<HaproxyVersion> {
    @Override
    public HaproxyVersion convert(String value) {
        try {
            return HaproxyVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
