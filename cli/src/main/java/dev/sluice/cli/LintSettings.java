package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintConfig;
import dev.sluice.lint.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a lint run settles before it lints, the same for {@code sluice lint} and {@code sluice
 * render --lint}: the lint configuration (a given file, none, or the nearest
 * {@code .sluice-lint.yaml} from the working directory up), the {@code --fail-on} threshold and
 * the HAProxy version to follow; an option given on the command line wins over the file's setting.
 *
 * @param config the lint configuration
 * @param failOn findings at least this grave fail the run
 * @param target the HAProxy version the rules follow
 */
record LintSettings(LintConfig config, Severity failOn, HaproxyVersion target) {

    /** A setting that cannot be used; the message names the option, or the file and line. */
    static final class Invalid extends Exception {

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The settings from the command line's {@code configFile} (null: discover one, unless {@code
     * noConfig}), {@code failOn} (null: the file's, else error) and {@code target} (null: the
     * file's, else the newest version Sluice knows).
     */
    static LintSettings resolve(Path configFile, boolean noConfig, String failOn, HaproxyVersion target)
            throws Invalid {
        LintConfig config = config(configFile, noConfig);
        Optional<Severity> threshold = failOn == null ? config.failOn() : Severity.parse(failOn);
        if (threshold.isEmpty() && failOn != null) {
            throw new Invalid("--fail-on: expected error, warning or info, not '" + failOn + "'");
        }
        HaproxyVersion version;
        try {
            version = target != null ? target
                    : config.targetVersion().map(HaproxyVersion::parse).orElse(HaproxyVersion.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new Invalid(config.file().map(Path::toString).orElse("") + ": target-version: " + e.getMessage());
        }
        return new LintSettings(config, threshold.orElse(Severity.ERROR), version);
    }

    private static LintConfig config(Path configFile, boolean noConfig) throws Invalid {
        Optional<Path> file = noConfig ? Optional.empty()
                : configFile != null ? Optional.of(configFile)
                : LintConfig.find(Path.of(""));
        try {
            return file.isPresent() ? LintConfig.read(file.get()) : LintConfig.DEFAULT;
        } catch (LintConfig.Invalid e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** True when a finding reaches {@code --fail-on}. */
    boolean fails(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity().reaches(failOn));
    }
}
