package dev.sluice.lint.report;

import dev.sluice.lint.Finding;
import java.util.List;

/**
 * GitHub Actions workflow commands, one per finding:
 * {@code ::warning file=haproxy.cfg,line=12,col=5,title=server-without-check::message}.
 */
public final class GithubReport {

    private GithubReport() {
    }

    public static String render(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            b.append("::").append(level)
                    .append(" file=").append(property(f.span().file()))
                    .append(",line=").append(f.span().line())
                    .append(",col=").append(f.span().column())
                    .append(",title=").append(property(f.rule()))
                    .append("::").append(data(f.message() + " [" + f.rule() + "]"))
                    .append('\n');
        }
        return b.toString();
    }

    /** Escapes a command's message, as the runner expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a command property's value, as the runner expects. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
