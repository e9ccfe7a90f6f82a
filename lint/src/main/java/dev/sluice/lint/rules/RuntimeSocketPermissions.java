package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A runtime API socket any local user can connect to: a UNIX socket whose {@code mode} (on the
 * line, or from {@code unix-bind}) lets others write, which connecting needs, or an abstract
 * socket ({@code abns@}), which has no permissions at all. Without {@code mode}, the socket's
 * permissions follow HAProxy's umask, usually 755 or stricter, which others cannot connect to.
 */
public final class RuntimeSocketPermissions implements Rule {

    private static final RuleMeta META = new RuleMeta("runtime-socket-permissions", Severity.WARNING,
            Family.SECURITY, "A runtime API socket can be used by any local user");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Optional<Word> unixBindMode = unixBindMode(context.model().global("unix-bind"));
        for (StatsSockets.Socket s : StatsSockets.of(context)) {
            String family = s.address().family() == null ? "" : s.address().family();
            String level = s.level();
            if (family.equals("abns") || family.equals("abnsz")) {
                findings.report(s.addressWord(), "stats socket " + s.addressWord().value() + " (level " + level
                        + ") is an abstract socket, which has no permissions: any local user can connect to it;"
                        + " use a UNIX socket with 'mode 600' or 'mode 660'");
                continue;
            }
            if (!Reach.isLocalSocket(s.address()) || family.equals("fd") || family.equals("sockpair")) {
                continue;
            }
            Optional<Word> own = s.option("mode");
            Optional<Word> mode = own.isPresent() ? own : unixBindMode;
            if (mode.isEmpty()) {
                continue;
            }
            int bits;
            try {
                bits = Integer.parseInt(mode.get().value(), 8);
            } catch (NumberFormatException e) {
                continue;
            }
            if ((bits & 0002) != 0) {
                String from = own.isPresent() ? "" : " (from 'unix-bind')";
                findings.report(own.orElse(s.addressWord()), "stats socket " + s.addressWord().value() + " has mode "
                        + mode.get().value() + from + ": any local user can connect to it and use its level-'"
                        + level + "' commands; use 'mode 600' or 'mode 660' with a dedicated group");
            }
        }
    }

    private static Optional<Word> unixBindMode(List<Directive> lines) {
        Word found = null;
        for (Directive d : lines) {
            for (int i = 1; i + 1 < d.words().size(); i++) {
                if (d.arg(i).equals("mode")) {
                    found = d.words().get(i + 1);
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
