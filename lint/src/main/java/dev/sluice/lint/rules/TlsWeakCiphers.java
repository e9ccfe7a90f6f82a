package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An OpenSSL cipher list (TLS 1.2 and below) that enables broken ciphers: RC4, DES and 3DES,
 * MD5 MACs, no encryption (NULL, eNULL), no authentication (aNULL, ADH, AECDH), export-grade or
 * LOW ciphers, or {@code ALL} or {@code MEDIUM} with nothing excluded. Read from {@code ciphers}
 * on {@code bind}, {@code server} and {@code default-server} lines and the global
 * {@code ssl-default-bind-ciphers} and {@code ssl-default-server-ciphers}.
 */
public final class TlsWeakCiphers implements Rule {

    private static final RuleMeta META = new RuleMeta("tls-weak-ciphers", Severity.WARNING, Family.SECURITY,
            "A cipher list enables broken ciphers (RC4, DES, 3DES, MD5, NULL, anonymous, export or LOW)");

    /** OpenSSL cipher-string keywords that select only weak ciphers. */
    private static final Set<String> WEAK_ALIASES = Set.of("RC4", "DES", "3DES", "MD5", "NULL", "ENULL", "ANULL",
            "EXPORT", "EXP", "EXPORT40", "EXPORT56", "EXPORT1024", "LOW", "ADH", "AECDH", "RC2", "KRB5");
    /** Keywords that select weak ciphers among others, acceptable only with exclusions. */
    private static final Set<String> BROAD = Set.of("ALL", "COMPLEMENTOFALL", "MEDIUM");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Directive d : TlsLines.of(context)) {
            for (Word list : cipherLists(d)) {
                List<String> weak = weak(list.value());
                if (!weak.isEmpty()) {
                    findings.report(list, "the cipher list of " + TlsLines.describe(d) + " enables "
                            + String.join(", ", weak) + ": broken ciphers a man in the middle can force or"
                            + " decrypt; remove them or exclude them with '!'");
                }
            }
        }
    }

    /** The cipher list words of a line: the argument of the global keyword, or each {@code ciphers} option's. */
    private static List<Word> cipherLists(Directive d) {
        List<Word> found = new ArrayList<>();
        if (d.keyword().endsWith("-ciphers")) {
            if (d.words().size() > 1) {
                found.add(d.words().get(1));
            }
            return found;
        }
        if (d.keyword().endsWith("-options")) {
            return found;
        }
        for (int i = 1; i + 1 < d.words().size(); i++) {
            if (d.arg(i).equals("ciphers")) {
                found.add(d.words().get(i + 1));
            }
        }
        return found;
    }

    /** The elements of an OpenSSL cipher list that enable weak ciphers, as written. */
    static List<String> weak(String list) {
        Set<String> found = new LinkedHashSet<>();
        String[] elements = list.split("[:, ]+");
        boolean excludes = false;
        for (String e : elements) {
            if (e.startsWith("!") || e.startsWith("-")) {
                excludes = true;
            }
        }
        for (String e : elements) {
            if (e.isEmpty() || e.startsWith("!") || e.startsWith("-") || e.startsWith("@")) {
                continue;
            }
            String bare = e.startsWith("+") ? e.substring(1) : e;
            if (weakElement(bare)) {
                found.add(bare);
            } else if (!excludes && BROAD.contains(bare.toUpperCase(Locale.ROOT))) {
                found.add(bare + " (with nothing excluded)");
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean weakElement(String element) {
        for (String part : element.split("\\+")) {
            String p = part.toUpperCase(Locale.ROOT);
            if (WEAK_ALIASES.contains(p)) {
                return true;
            }
            if (part.contains("-") && weakCipherName(p)) {
                return true;
            }
        }
        return false;
    }

    /** A concrete cipher name (upper case) such as {@code ECDHE-RSA-DES-CBC3-SHA} or {@code RC4-MD5}. */
    private static boolean weakCipherName(String name) {
        return name.contains("RC4") || name.contains("DES-CBC") || name.contains("3DES") || name.endsWith("-MD5")
                || name.contains("NULL") || name.startsWith("EXP-") || name.startsWith("EXP1024-")
                || name.startsWith("ADH-") || name.startsWith("AECDH-") || name.contains("-ANON-")
                || name.contains("RC2");
    }
}
