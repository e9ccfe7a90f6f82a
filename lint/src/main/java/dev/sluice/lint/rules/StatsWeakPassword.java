package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Locale;
import java.util.Set;

/**
 * A stats page (or a userlist's {@code insecure-password}) protected by a password that is a
 * placeholder, a common word, the user name, or shorter than {@value #MIN_LENGTH} characters.
 */
public final class StatsWeakPassword implements Rule {

    static final int MIN_LENGTH = 12;

    /** Placeholders from tutorials and the most common passwords, lower case. */
    static final Set<String> WEAK = Set.of("your_secure_password", "yoursecurepassword", "your_password",
            "yourpassword", "secure_password", "password", "passw0rd", "p@ssw0rd", "admin", "administrator",
            "haproxy", "stats", "changeme", "change_me", "secret", "letmein", "welcome", "123456", "12345678",
            "123456789", "qwerty", "root", "toor", "test", "default", "pass", "xxx", "xxxx", "xxxxxx");

    private static final RuleMeta META = new RuleMeta("stats-weak-password", Severity.ERROR, Family.SECURITY,
            "The stats page or a userlist uses a placeholder, common or short password");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            for (Directive d : s.directives()) {
                if (d.keyword().equals("stats") && d.arg(1).equals("auth")) {
                    String credentials = d.arg(2);
                    int colon = credentials.indexOf(':');
                    if (colon > 0) {
                        weakness(credentials.substring(0, colon), credentials.substring(colon + 1)).ifPresent(
                                why -> findings.report(d.words().get(2), "stats page user '"
                                        + credentials.substring(0, colon) + "' has " + why));
                    }
                } else if (s.type().equals("userlist") && d.keyword().equals("user")) {
                    for (int i = 2; i + 1 < d.words().size(); i++) {
                        if (d.arg(i).equals("insecure-password")) {
                            String user = d.arg(1);
                            int at = i + 1;
                            weakness(user, d.arg(at)).ifPresent(why -> findings.report(d.words().get(at),
                                    "userlist user '" + user + "' has " + why));
                        }
                    }
                }
            }
        }
    }

    /** Why {@code password} is weak for {@code user}, if it is. */
    static java.util.Optional<String> weakness(String user, String password) {
        String p = password.toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            return java.util.Optional.of("an empty password");
        }
        if (WEAK.contains(p)) {
            return java.util.Optional.of("a placeholder or common password");
        }
        if (p.equals(user.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.of("a password equal to its name");
        }
        if (password.length() < MIN_LENGTH) {
            return java.util.Optional.of("a password of " + password.length() + " characters (use at least "
                    + MIN_LENGTH + ")");
        }
        return java.util.Optional.empty();
    }
}
