package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.ProxyView;
import java.util.List;
import java.util.Optional;

/**
 * Finding the line behind a compiled server's setting: the {@code server} (or
 * {@code server-template}) line itself, else the last {@code default-server} line before it in
 * the section, else the last one of the nearest {@code defaults} section that has the setting.
 */
final class ServerLines {

    /** A setting as written: the line and the word of its keyword. */
    record Setting(Directive line, Word keyword) {

        /** The word after the keyword, or the keyword when the line ends there. */
        Word value() {
            int i = line.words().indexOf(keyword);
            return i + 1 < line.words().size() ? line.words().get(i + 1) : keyword;
        }

        boolean onDefaultServer() {
            return line.keyword().equals("default-server");
        }
    }

    private ServerLines() {
    }

    /** The line that declares server {@code name}: its {@code server} line or its template's. */
    static Optional<Directive> line(ProxyView proxy, String name) {
        Optional<Directive> own = proxy.serverLine(name);
        if (own.isPresent()) {
            return own;
        }
        for (Directive d : proxy.own("server-template")) {
            String prefix = d.arg(1);
            if (!prefix.isEmpty() && name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]+")) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Where {@code keyword} is set for the server declared by {@code serverLine}. */
    static Optional<Setting> setting(ProxyView proxy, Directive serverLine, String keyword) {
        Optional<Setting> own = find(serverLine, keyword);
        if (own.isPresent()) {
            return own;
        }
        Optional<Setting> local = lastDefaultServer(proxy.section(), serverLine, keyword);
        if (local.isPresent()) {
            return local;
        }
        for (Section d : proxy.defaults()) {
            Optional<Setting> inherited = lastDefaultServer(d, null, keyword);
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }

    /** The keyword word {@code keyword} on {@code line} (the last one when repeated). */
    static Optional<Setting> find(Directive line, String keyword) {
        List<Word> words = line.words();
        // a server's name and address come first; options start after them
        int first = line.keyword().equals("default-server") ? 1 : line.keyword().equals("server-template") ? 4 : 3;
        Setting found = null;
        for (int i = first; i < words.size(); i++) {
            if (words.get(i).value().equals(keyword)) {
                found = new Setting(line, words.get(i));
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Setting> lastDefaultServer(Section s, Directive before, String keyword) {
        Setting found = null;
        for (Directive d : s.directives()) {
            if (d == before) {
                break;
            }
            if (d.keyword().equals("default-server")) {
                Optional<Setting> hit = find(d, keyword);
                if (hit.isPresent()) {
                    found = hit.get();
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
