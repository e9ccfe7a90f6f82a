import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates Sluice's keyword catalog (keywords.json) from HAProxy's git repository.
 *
 * <p>For each release tag it reads the C sources (keyword tables and the parsers' if/else chains)
 * and the configuration manual (keyword matrix, keyword heading lines), builds a per-version
 * model, then merges the versions into version ranges. Only facts are recorded: keyword names,
 * sections, argument placeholders, versions, and HAProxy's short error messages for removed
 * keywords. No documentation prose is copied.
 *
 * <p>Run from the repository root: {@code java tools/catalog/Gen.java [--repo DIR] [--out FILE]}.
 */
public class Gen {

    static final String[] TAGS = {"v2.4.0", "v2.6.0", "v2.8.0", "v3.0.0", "v3.1.0", "v3.2.0", "v3.3.0", "v3.4.0"};

    static final List<String> PROXY_SECTIONS = List.of("defaults", "frontend", "listen", "backend");

    /** Sections whose keywords the catalog records (besides the four proxy sections). */
    static final List<String> OTHER_SECTIONS = List.of("global", "peers", "resolvers", "userlist", "mailers",
            "http-errors", "ring", "cache", "program", "fcgi-app", "log-forward", "crt-store", "traces",
            "log-profile", "acme", "healthcheck", "namespace_list");

    /** Proxy keywords whose second word selects a sub-keyword: "timeout connect", "option httplog". */
    static final Set<String> FAMILIES = new TreeSet<>(List.of("capture", "declare", "email-alert",
            "external-check", "http-check", "monitor", "option", "persist", "rate-limit", "stats", "stick",
            "tcp-check", "tcp-request", "tcp-response", "timeout"));

    /** Where each rule set's actions are registered, by registration function. */
    static final Map<String, String> ACTION_REGISTRARS = Map.of(
            "http_req_keywords_register", "http-request",
            "http_res_keywords_register", "http-response",
            "http_after_res_keywords_register", "http-after-response",
            "tcp_req_conn_keywords_register", "tcp-request connection",
            "tcp_req_sess_keywords_register", "tcp-request session",
            "tcp_req_cont_keywords_register", "tcp-request content",
            "tcp_res_cont_keywords_register", "tcp-response content",
            "quic_init_actions_register", "quic-initial");

    /**
     * Final actions whose description in the manual does not say so in words the generator
     * recognises (QUIC datagram handling). Everything else comes from the manual.
     */
    static final Set<String> FINAL_ACTIONS_EXTRA = Set.of("dgram-drop", "send-retry");

    /**
     * Keywords HAProxy 2.6.12 was observed to accept with no argument although the manual's
     * heading shows a mandatory one (checked with haproxy -c). minArgs is 0 for them.
     */
    static final Set<String> ACCEPTS_NO_ARGS = new TreeSet<>(List.of("mworker-max-reloads"));

    public static void main(String[] argv) throws Exception {
        String repo = System.getenv("HAPROXY_REPO");
        Path out = Path.of("compiler/src/main/resources/dev/sluice/compiler/catalog/keywords.json");
        String dump = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--repo" -> repo = argv[++i];
                case "--out" -> out = Path.of(argv[++i]);
                case "--dump" -> dump = argv[++i];
                default -> throw new IllegalArgumentException("unknown argument " + argv[i]
                        + " (usage: java Gen.java [--repo DIR] [--out FILE] [--dump TAG])");
            }
        }
        if (repo == null) {
            System.err.println("Gen: give HAProxy's git repository with --repo DIR (or HAPROXY_REPO)");
            System.exit(2);
        }
        try (Git git = new Git(repo)) {
            if (dump != null) {
                VersionModel m = new Extractor(git, dump).extract();
                System.out.println(Json.write(m.toJson()));
                return;
            }
            Map<String, VersionModel> models = new LinkedHashMap<>();
            for (String tag : TAGS) {
                System.err.println("reading " + tag);
                models.put(versionName(tag), new Extractor(git, tag).extract());
            }
            sameFinalityEverywhere(models);
            applyBackports(models);
            Map<String, Object> catalog = Merger.merge(models);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Json.write(catalog), StandardCharsets.UTF_8);
            System.err.println("wrote " + out);
        }
    }

    /**
     * Features a maintenance release of a branch gained after its .0 tag (backports). The
     * repository has no tag for them, so they are listed here, each observed in that release
     * (haproxy -dKall of HAProxy 2.6.12); their definition is the next catalogued version's.
     */
    static final Map<String, Map<String, List<String>>> BACKPORTS = Map.of(
            "2.6", Map.of(
                    "converters", List.of("host_only", "port_only", "table_expire", "table_idle"),
                    "global", List.of("tune.peers.max-updates-at-once")));

    static void applyBackports(Map<String, VersionModel> models) {
        List<String> versions = new ArrayList<>(models.keySet());
        for (var b : BACKPORTS.entrySet()) {
            int i = versions.indexOf(b.getKey());
            if (i < 0 || i + 1 >= versions.size()) {
                continue;
            }
            VersionModel into = models.get(b.getKey());
            VersionModel from = models.get(versions.get(i + 1));
            for (var cat : b.getValue().entrySet()) {
                Map<String, Map<String, Object>> src = cat.getKey().equals("converters") ? from.converters
                        : cat.getKey().equals("fetches") ? from.fetches : from.sections.get(cat.getKey());
                Map<String, Map<String, Object>> dst = cat.getKey().equals("converters") ? into.converters
                        : cat.getKey().equals("fetches") ? into.fetches : into.sections.get(cat.getKey());
                for (String name : cat.getValue()) {
                    Map<String, Object> e = src.get(name);
                    if (e == null) {
                        throw new IllegalStateException("backport " + name + " is not in " + versions.get(i + 1));
                    }
                    dst.putIfAbsent(name, new LinkedHashMap<>(e));
                }
            }
        }
    }

    /** An action the manual of any version calls final is final in all of them. */
    static void sameFinalityEverywhere(Map<String, VersionModel> models) {
        Set<String> finals = new TreeSet<>();
        for (VersionModel m : models.values()) {
            m.actions.values().forEach(acts -> acts.forEach((name, a) -> {
                if (Boolean.TRUE.equals(a.get("final"))) {
                    finals.add(name);
                }
            }));
        }
        for (VersionModel m : models.values()) {
            m.actions.values().forEach(acts -> acts.forEach((name, a) -> a.put("final", finals.contains(name))));
        }
    }

    static String versionName(String tag) {
        String v = tag.startsWith("v") ? tag.substring(1) : tag;
        return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
    }

    // ------------------------------------------------------------------------------------------
    // git access: one "git cat-file --batch" process serves every file of every tag

    static final class Git implements AutoCloseable {
        final String dir;
        final Process batch;
        final OutputStream in;
        final InputStream outs;

        Git(String dir) throws IOException {
            this.dir = dir;
            batch = new ProcessBuilder("git", "-C", dir, "cat-file", "--batch").redirectErrorStream(false).start();
            in = new BufferedOutputStream(batch.getOutputStream());
            outs = new BufferedInputStream(batch.getInputStream());
        }

        synchronized String show(String tag, String path) throws IOException {
            in.write((tag + ":" + path + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String header = readLine();
            if (header.endsWith(" missing")) {
                return null;
            }
            String[] parts = header.split(" ");
            int size = Integer.parseInt(parts[2]);
            byte[] data = outs.readNBytes(size);
            outs.read(); // trailing newline
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = outs.read()) != -1 && c != '\n') {
                b.write(c);
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        List<String> ls(String tag, String... paths) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", dir, "ls-tree", "-r", "--name-only", tag, "--"));
            cmd.addAll(List.of(paths));
            Process p = new ProcessBuilder(cmd).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text.lines().filter(s -> !s.isBlank()).sorted().toList();
        }

        @Override
        public void close() throws IOException {
            in.close();
            batch.destroy();
        }
    }

    // ------------------------------------------------------------------------------------------
    // C source helpers (work on text whose comments were blanked, positions unchanged)

    record Src(String path, String raw, String code) {}

    record Func(Src src, String name, int bodyStart, int bodyEnd) {
        String body() {
            return src.code().substring(bodyStart, bodyEnd);
        }
    }

    /** A region of code: a keyword's if-block or a parse function's body. */
    record Block(Src src, int start, int end, boolean specific, String prologue) {
        /** A block that handles one keyword only. */
        Block(Src src, int start, int end) {
            this(src, start, end, true, "");
        }

        Block(Src src, int start, int end, boolean specific) {
            this(src, start, end, specific, "");
        }

        /** The block's code, after the checks its function makes before testing the keyword. */
        String text() {
            return prologue + src.code().substring(start, end);
        }

        /** The block's own code. */
        String body() {
            return src.code().substring(start, end);
        }

        String raw() {
            return src.raw().substring(start, end);
        }
    }

    static final class C {
        /** Blanks comments with spaces (newlines kept), so positions match the raw text. */
        static String stripComments(String s) {
            char[] out = s.toCharArray();
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\') {
                            j++;
                        } else if (s.charAt(j) == '\n') {
                            break;
                        }
                        j++;
                    }
                    i = j + 1;
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    while (i < n && s.charAt(i) != '\n') {
                        out[i++] = ' ';
                    }
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    int end = s.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    for (int k = i; k < end; k++) {
                        if (out[k] != '\n') {
                            out[k] = ' ';
                        }
                    }
                    i = end;
                } else {
                    i++;
                }
            }
            return new String(out);
        }

        /** Blanks the code under "#if 0" (up to its #else or #endif), positions unchanged. */
        static String dropDisabled(String s) {
            char[] out = s.toCharArray();
            String[] lines = s.split("\n", -1);
            int pos = 0;
            int depth = 0; // nesting inside a disabled region
            for (String line : lines) {
                String t = line.trim();
                boolean blank = false;
                if (depth == 0) {
                    if (t.matches("#\\s*if\\s+0\\b.*")) {
                        depth = 1;
                        blank = true;
                    }
                } else {
                    blank = true;
                    if (t.matches("#\\s*if.*")) {
                        depth++;
                    } else if (t.matches("#\\s*endif.*")) {
                        depth--;
                    } else if (depth == 1 && t.matches("#\\s*(else|elif).*")) {
                        depth = 0;
                    }
                }
                if (blank) {
                    for (int k = pos; k < pos + line.length(); k++) {
                        out[k] = ' ';
                    }
                }
                pos += line.length() + 1;
            }
            return new String(out);
        }

        /** Index just past the bracket matching the one at {@code open}; skips literals. */
        static int match(String s, int open) {
            char o = s.charAt(open);
            char cl = o == '{' ? '}' : o == '(' ? ')' : ']';
            int depth = 0;
            int n = s.length();
            for (int i = open; i < n; i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\') {
                            j++;
                        }
                        j++;
                    }
                    i = j;
                } else if (c == '#' && (i == 0 || s.charAt(i - 1) == '\n')) {
                    // preprocessor line: skip it, its braces are not code structure
                    int e = s.indexOf('\n', i);
                    i = e < 0 ? n : e;
                } else if (c == o) {
                    depth++;
                } else if (c == cl) {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            }
            return n;
        }

        static int skipWs(String s, int i) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        /** Splits on top-level commas (outside parentheses, braces and literals). */
        static List<String> splitArgs(String s) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            int last = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\') {
                            j++;
                        }
                        j++;
                    }
                    i = j;
                } else if (c == '(' || c == '{' || c == '[') {
                    depth++;
                } else if (c == ')' || c == '}' || c == ']') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    parts.add(s.substring(last, i).trim());
                    last = i + 1;
                }
            }
            String tail = s.substring(last).trim();
            if (!tail.isEmpty()) {
                parts.add(tail);
            }
            return parts;
        }

        static final Pattern STRLIT = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** The concatenation of the string literals at the start of {@code expr}, or null. */
        static String literal(String expr) {
            String e = expr.trim();
            if (!e.startsWith("\"")) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            Matcher m = STRLIT.matcher(e);
            int pos = 0;
            while (m.find() && e.substring(pos, m.start()).isBlank()) {
                sb.append(unescape(m.group(1)));
                pos = m.end();
            }
            return sb.toString();
        }

        static String unescape(String s) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char d = s.charAt(++i);
                    switch (d) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        default -> sb.append(d);
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        /** The leaf brace groups (no nested braces) inside [from, to), as their inner text. */
        static List<String> leafGroups(String s, int from, int to) {
            List<String> out = new ArrayList<>();
            int i = from;
            while (i < to) {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < to && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\') {
                            j++;
                        }
                        j++;
                    }
                    i = j + 1;
                    continue;
                }
                if (c == '{') {
                    int end = match(s, i);
                    String inner = s.substring(i + 1, end - 1);
                    if (!containsBrace(inner)) {
                        out.add(inner);
                    } else {
                        out.addAll(leafGroups(s, i + 1, end - 1));
                    }
                    i = end;
                    continue;
                }
                i++;
            }
            return out;
        }

        static boolean containsBrace(String s) {
            boolean inStr = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inStr = !inStr;
                } else if (!inStr && (c == '{' || c == '}')) {
                    return true;
                }
            }
            return false;
        }

        /** Removes preprocessor lines from a table's text. */
        static String dropPreprocessor(String s) {
            StringBuilder sb = new StringBuilder();
            for (String line : s.split("\n", -1)) {
                sb.append(line.stripLeading().startsWith("#") ? "" : line).append('\n');
            }
            return sb.toString();
        }
    }

    /** An if statement: its condition and what it guards. */
    record If(int condStart, int condEnd, int bodyStart, int bodyEnd, String cond, String body) {}

    static final Pattern IF = Pattern.compile("\\bif\\s*\\(");

    /** Every if statement in {@code code} between from and to, in order. */
    static List<If> ifs(String code, int from, int to) {
        List<If> out = new ArrayList<>();
        Matcher m = IF.matcher(code);
        m.region(from, to);
        while (m.find()) {
            int open = m.end() - 1;
            int close = C.match(code, open);
            int b = C.skipWs(code, close);
            int bodyEnd;
            if (b < code.length() && code.charAt(b) == '{') {
                bodyEnd = C.match(code, b);
            } else {
                int semi = code.indexOf(';', b);
                bodyEnd = semi < 0 ? code.length() : semi + 1;
            }
            out.add(new If(open, close, b, bodyEnd, code.substring(open, close), code.substring(b, Math.min(bodyEnd, code.length()))));
        }
        return out;
    }

    /** The body guarded by the if statement whose condition contains position {@code pos}. */
    static Block guardedBlock(Src src, int pos) {
        String code = src.code();
        Matcher m = IF.matcher(code);
        int best = -1;
        int from = Math.max(0, pos - 600);
        m.region(from, pos);
        while (m.find()) {
            int open = m.end() - 1;
            int close = C.match(code, open);
            if (close > pos) {
                best = open;
            }
        }
        if (best < 0) {
            return null;
        }
        int close = C.match(code, best);
        int b = C.skipWs(code, close);
        if (b < code.length() && code.charAt(b) == '{') {
            return new Block(src, b, C.match(code, b));
        }
        int semi = code.indexOf(';', b);
        return new Block(src, b, semi < 0 ? code.length() : semi + 1);
    }

    // ------------------------------------------------------------------------------------------
    // What a keyword's block says about the keyword

    static final Pattern REMOVED_WORDS = Pattern.compile(
            "(?i)(not supported any ?more|no longer supported|has been removed|was removed|"
                    + "(doesn't|does not) exist any ?more|no more supported)");
    static final Pattern ALERT_CALL = Pattern.compile("\\b(ha_alert|memprintf)\\s*\\(");

    record Removal(String message, String replacement, String removedIn) {}

    /**
     * When the block's first statement reports the keyword as removed, that message with the
     * keyword's words substituted for its arguments.
     */
    static Removal removal(Block block, List<String> words, int argBase) {
        String code = block.body();
        Matcher m = ALERT_CALL.matcher(code);
        if (!m.find()) {
            return null;
        }
        String before = code.substring(0, m.start()).replace("{", "").trim();
        if (!before.isEmpty() && !before.matches("(?s)(else\\s*)?")) {
            // something happens before the alert: not a plain "removed" branch
            if (before.contains("if") || before.contains(";")) {
                return null;
            }
        }
        int open = m.end() - 1;
        int close = C.match(code, open);
        List<String> args = C.splitArgs(code.substring(open + 1, close - 1));
        int fmtIdx = m.group(1).equals("memprintf") ? 1 : 0;
        if (args.size() <= fmtIdx) {
            return null;
        }
        String fmt = C.literal(args.get(fmtIdx));
        if (fmt == null) {
            return null;
        }
        if (!REMOVED_WORDS.matcher(fmt).find()) {
            // a branch that does nothing but refuse the keyword also counts ("usesrc")
            String rest = (code.substring(0, m.start()) + code.substring(close)).replaceAll("[{}]", " ")
                    .replaceAll("\\s+", " ").trim();
            if (m.group(1).equals("memprintf")
                    || !rest.matches(";?\\s*(err_code \\|= [A-Z_ |]+;)?\\s*(goto \\w+;|return [^;]*;)?")
                    || !code.contains("ERR_ALERT")) {
                return null;
            }
        }
        String msg = formatMessage(fmt, args.subList(fmtIdx + 1, args.size()), words, argBase);
        String replacement = null;
        Matcher r = Pattern.compile("(?i)\\buse '([^']+)'").matcher(msg);
        if (r.find()) {
            replacement = r.group(1);
        } else {
            Matcher r2 = Pattern.compile("\\(([\\w.-]+) is used instead\\)").matcher(msg);
            if (r2.find()) {
                replacement = r2.group(1);
            }
        }
        String removedIn = null;
        Matcher v = Pattern.compile("since HAProxy (?:version )?(\\d+\\.\\d+)").matcher(msg);
        if (v.find()) {
            removedIn = v.group(1);
        }
        return new Removal(msg, replacement, removedIn);
    }

    static final Pattern FORMAT_SPEC = Pattern.compile("%[-+ #0]*\\d*(?:\\.\\d+)?(?:l|ll|z|h)?([sdiucxXfp%])");

    /** printf-style format with the keyword's words for args[i]; the "parsing [file:line]" prefix dropped. */
    static String formatMessage(String fmt, List<String> exprs, List<String> words, int argBase) {
        StringBuilder sb = new StringBuilder();
        Matcher m = FORMAT_SPEC.matcher(fmt);
        int pos = 0;
        int argi = 0;
        while (m.find()) {
            sb.append(fmt, pos, m.start());
            pos = m.end();
            if (m.group(1).equals("%")) {
                sb.append('%');
                continue;
            }
            String expr = argi < exprs.size() ? exprs.get(argi) : "";
            argi++;
            Matcher a = Pattern.compile("^args\\[(?:cur_arg\\s*\\+\\s*)?(\\d+)\\]$").matcher(expr.trim());
            if (a.find()) {
                int idx = Integer.parseInt(a.group(1)) - argBase;
                sb.append(idx >= 0 && idx < words.size() ? words.get(idx) : "<arg>");
            } else if (C.literal(expr) != null) {
                sb.append(C.literal(expr));
            } else if (expr.equals("file")) {
                sb.append("%FILE%");
            } else if (expr.equals("linenum") || expr.equals("line")) {
                sb.append("%LINE%");
            } else {
                sb.append("<").append(expr.replaceAll("[^\\w.>-]", "")).append(">");
            }
        }
        sb.append(fmt.substring(pos));
        String s = sb.toString().replaceAll("^parsing \\[%FILE%:%LINE%\\]\\s*:?\\s*", "").trim();
        return s.replaceAll("\\s+", " ");
    }

    record BlockInfo(boolean feWarn, boolean beWarn, boolean feError, boolean beError, boolean defaultsError,
            boolean namedDefaultsOnly, boolean deprecated, Integer maxArgs, String timeUnit, boolean parsesTime,
            boolean parsesSize, boolean parsesInt, List<Long> range, Set<Integer> emptyChecked) {}

    static final Pattern EMPTY_ARG = Pattern.compile("(?:!\\s*\\*\\s*\\(?\\s*args\\[(\\d+)\\]|"
            + "\\*\\s*\\(?\\s*args\\[(\\d+)\\]\\s*\\)?\\s*==\\s*(?:0|'\\\\0')|!\\s*args\\[(\\d+)\\]\\s*(?:\\|\\||\\))|"
            + "strlen\\s*\\(\\s*args\\[(\\d+)\\]\\s*\\)\\s*==\\s*0)");

    static final Pattern CAP_NEG = Pattern.compile("!\\s*\\(\\s*[\\w>.-]+->cap\\s*&\\s*PR_CAP_(FE|BE)\\s*\\)");
    static final Pattern TOO_MANY = Pattern.compile(
            "\\b(?:alertif_too_many_args|too_many_args)(_idx)?\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+))?");

    static BlockInfo analyze(String code) {
        boolean feWarn = Pattern.compile("warnifnotcap\\s*\\([^,]+,\\s*PR_CAP_FE\\s*,").matcher(code).find();
        boolean beWarn = Pattern.compile("warnifnotcap\\s*\\([^,]+,\\s*PR_CAP_BE\\s*,").matcher(code).find();
        boolean feError = false;
        boolean beError = false;
        boolean defError = false;
        boolean named = false;
        for (If f : ifs(code, 0, code.length())) {
            boolean error = isError(f.body());
            if (!error) {
                continue;
            }
            Matcher cn = CAP_NEG.matcher(f.cond().replace("PR_CAP_LISTEN", "PR_CAP_FE|PR_CAP_BE"));
            while (cn.find()) {
                if (cn.group(1).equals("FE")) {
                    feError = true;
                } else {
                    beError = true;
                }
            }
            if (mentionsDefaults(f.cond())) {
                if (f.cond().matches("(?s).*(strlen\\s*\\([^)]*->id\\)\\s*==\\s*0|!\\s*\\*\\s*[\\w>.-]+->id\\b|"
                        + "!\\s*\\*\\s*\\(\\s*[\\w>.-]+->id\\s*\\)).*") || f.body().contains("anonymous")
                        || f.body().contains("with a name")) {
                    named = true;
                } else {
                    defError = true;
                }
            }
        }
        Matcher fail = Pattern.compile("failifnotcap\\s*\\([^,]+,\\s*PR_CAP_(FE|BE)\\s*,").matcher(code);
        while (fail.find()) {
            if (fail.group(1).equals("FE")) {
                feError = true;
            } else {
                beError = true;
            }
        }
        boolean deprecated = Pattern.compile("(?s)ha_warning\\s*\\([^;]*deprecated").matcher(code).find()
                || Pattern.compile("(?s)memprintf\\s*\\([^;]*is deprecated").matcher(code).find();
        // the highest index of args[] the parser accepts, args[0] being the first keyword word
        int shift = Pattern.compile("\\bargs\\s*(\\+\\+|\\+=\\s*1\\s*;)").matcher(code).find() ? 1 : 0;
        Integer max = null;
        Matcher tm = TOO_MANY.matcher(code);
        Set<Integer> maxes = new TreeSet<>();
        while (tm.find()) {
            int n = Integer.parseInt(tm.group(2));
            int idx = tm.group(1) != null && tm.group(3) != null ? Integer.parseInt(tm.group(3)) : 0;
            maxes.add(n + idx + shift);
        }
        for (If f : ifs(code, 0, code.length())) {
            Matcher xm = Pattern.compile("^\\(\\s*\\*\\s*\\(?\\s*args\\[(\\d+)\\]\\s*\\)?\\s*(!=\\s*0\\s*)?\\)$").matcher(f.cond());
            if (xm.find() && isError(f.body()) && f.body().contains("extra")) {
                maxes.add(Integer.parseInt(xm.group(1)) - 1 + shift);
            }
        }
        if (maxes.size() == 1) {
            max = maxes.iterator().next();
        }
        String unit = null;
        Matcher um = Pattern.compile("TIME_UNIT_(US|MS|S)\\b").matcher(code);
        Set<String> units = new TreeSet<>();
        while (um.find()) {
            units.add(um.group(1).toLowerCase(Locale.ROOT));
        }
        if (units.size() == 1) {
            unit = units.iterator().next();
        }
        boolean parsesTime = code.contains("parse_time_err");
        boolean parsesSize = code.contains("parse_size_err");
        boolean parsesInt = Pattern.compile("\\b(atoi|atol|strtol|strtoul|strtoll|read_uint|str2uic)\\s*\\(").matcher(code).find();
        List<Long> range = null;
        Matcher rm = Pattern.compile("(?i)(?:between|range)\\s+(-?\\d+)\\s+and\\s+(-?\\d+)").matcher(code);
        if (rm.find()) {
            range = List.of(Long.parseLong(rm.group(1)), Long.parseLong(rm.group(2)));
        }
        Set<Integer> empty = new TreeSet<>();
        for (If f : ifs(code, 0, code.length())) {
            if (!isError(f.body())) {
                continue;
            }
            Matcher em = EMPTY_ARG.matcher(f.cond());
            while (em.find()) {
                for (int g = 1; g <= 4; g++) {
                    if (em.group(g) != null) {
                        empty.add(Integer.parseInt(em.group(g)) + shift);
                    }
                }
            }
        }
        return new BlockInfo(feWarn, beWarn, feError, beError, defError, named, deprecated, max, unit, parsesTime,
                parsesSize, parsesInt, range, empty);
    }

    /** The block's text followed by the bodies of the parse functions it calls (one level). */
    static String withCallees(Block b, Map<String, Func> functions) {
        if (b == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(b.text());
        Matcher m = Pattern.compile("\\b((?:\\w+_)?parse_\\w+)\\s*\\(").matcher(b.text());
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            Func f = functions.get(m.group(1));
            if (f != null && seen.add(f.name())) {
                sb.append('\n').append(f.body());
            }
        }
        return sb.toString();
    }

    static boolean isError(String body) {
        return body.contains("ERR_ALERT") || body.contains("ERR_FATAL") || body.contains("return -1")
                || body.contains("goto error") || body.contains("goto err") || body.contains("ha_alert(")
                || body.matches("(?s).*\\b\\w+\\s*=\\s*-1\\s*;.*");
    }

    static boolean mentionsDefaults(String cond) {
        Matcher m = Pattern.compile("->cap\\s*&\\s*PR_CAP_DEF").matcher(cond);
        while (m.find()) {
            // a negated test "!(px->cap & PR_CAP_DEF)" is about non-defaults sections
            String before = cond.substring(0, m.start());
            int paren = before.lastIndexOf('(');
            String lead = paren >= 0 ? before.substring(0, paren).stripTrailing() : "";
            String var = paren >= 0 ? before.substring(paren + 1) : before;
            if (!(lead.endsWith("!") && var.matches("\\s*[\\w>.-]+"))) {
                return true;
            }
        }
        return cond.matches("(?s).*\\b(curpx|curproxy)\\s*==\\s*(&?defproxy|defpx)\\b.*");
    }

    // ------------------------------------------------------------------------------------------
    // Documentation

    static final class Doc {
        record Chapter(String number, String title, int start, int end) {}

        final List<String> lines;
        final List<Chapter> chapters = new ArrayList<>();

        Doc(String text) {
            lines = text.lines().toList();
            Pattern title = Pattern.compile("^(\\d+(?:\\.\\d+)*)\\.?\\s+(\\S.*)$");
            List<int[]> starts = new ArrayList<>();
            List<String[]> names = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i++) {
                Matcher m = title.matcher(lines.get(i));
                if (m.matches() && lines.get(i + 1).matches("^-{3,}\\s*$")) {
                    starts.add(new int[] {i});
                    names.add(new String[] {m.group(1), m.group(2).trim()});
                }
            }
            for (int k = 0; k < starts.size(); k++) {
                int s = starts.get(k)[0];
                int e = k + 1 < starts.size() ? starts.get(k + 1)[0] : lines.size();
                chapters.add(new Chapter(names.get(k)[0], names.get(k)[1], s, e));
            }
        }

        List<Chapter> chapters(String titleRegex) {
            Pattern p = Pattern.compile(titleRegex, Pattern.CASE_INSENSITIVE);
            return chapters.stream().filter(c -> p.matcher(c.title()).matches()).toList();
        }

        /** Column-0 lines of the chapters (keyword heading lines), with their line index. */
        List<Heading> headings(String titleRegex) {
            List<Heading> out = new ArrayList<>();
            for (Chapter c : chapters(titleRegex)) {
                for (int i = c.start() + 2; i < c.end(); i++) {
                    String l = lines.get(i);
                    if (l.isEmpty() || Character.isWhitespace(l.charAt(0)) || l.startsWith("-") || l.startsWith("=")) {
                        continue;
                    }
                    out.add(new Heading(l.stripTrailing(), i));
                }
            }
            return out;
        }

        /** The indented text after a heading, up to the next heading (for finality detection only). */
        String bodyAfter(int line) {
            StringBuilder sb = new StringBuilder();
            for (int i = line + 1; i < lines.size(); i++) {
                String l = lines.get(i);
                if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0))) {
                    if (sb.length() == 0) {
                        continue; // consecutive heading lines of the same keyword
                    }
                    break;
                }
                sb.append(l.trim()).append(' ');
            }
            return sb.toString();
        }
    }

    record Heading(String text, int line) {}

    static final Pattern DEPRECATED_MARK = Pattern.compile("\\s*\\(deprecated\\)", Pattern.CASE_INSENSITIVE);

    /** Heading lines that document {@code kw}: "kw", "kw <arg>", "kw(<arg>)". */
    static List<Heading> headingsFor(List<Heading> hs, String kw) {
        List<Heading> out = new ArrayList<>();
        for (Heading h : hs) {
            String t = h.text();
            if (t.equals(kw) || t.startsWith(kw + " ") || t.startsWith(kw + "(") || t.startsWith(kw + "\t")) {
                out.add(h);
            }
        }
        return out;
    }

    static List<String> syntaxes(List<Heading> hs) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Heading h : hs) {
            out.add(DEPRECATED_MARK.matcher(h.text()).replaceAll("").replaceAll("\\s+", " ").trim());
        }
        return new ArrayList<>(out);
    }

    static boolean anyDeprecated(List<Heading> hs) {
        return hs.stream().anyMatch(h -> DEPRECATED_MARK.matcher(h.text()).find());
    }

    // ------------------------------------------------------------------------------------------
    // Argument typing from a heading's placeholders

    static final class Args {
        /** Splits the syntax after the keyword into top-level elements. */
        static List<String> elements(String s) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            int angle = 0;
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '<') {
                    angle++;
                } else if (c == '>' && angle > 0) {
                    angle--;
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if ((c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
                if (Character.isWhitespace(c) && depth == 0 && angle == 0) {
                    if (cur.length() > 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                } else {
                    cur.append(c);
                }
            }
            if (cur.length() > 0) {
                out.add(cur.toString());
            }
            return out;
        }

        static final Pattern PLACEHOLDER = Pattern.compile("^<([^<>]+)>$");

        /** The argument list for one syntax line, or null when it cannot be typed with confidence. */
        static List<Map<String, Object>> type(String syntax, int kwWords, BlockInfo info) {
            List<String> els = elements(syntax);
            // the keyword's own words come first
            if (els.size() < kwWords) {
                return null;
            }
            List<String> rest = els.subList(kwWords, els.size());
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                String e = rest.get(i);
                Map<String, Object> a = new LinkedHashMap<>();
                if (e.equals("...") || e.equals("[...]") || e.equals("[,...]") || e.endsWith("*")) {
                    if (!out.isEmpty() && !e.endsWith("*")) {
                        out.get(out.size() - 1).put("repeat", true);
                        continue;
                    }
                    a.put("name", "args");
                    a.put("type", "REST");
                    a.put("optional", true);
                    out.add(a);
                    break;
                }
                if (e.startsWith("[") && e.endsWith("]")) {
                    String inner = e.substring(1, e.length() - 1).trim();
                    if (isCondition(inner)) {
                        a.put("name", "condition");
                        a.put("type", "CONDITION");
                        a.put("optional", true);
                        out.add(a);
                        continue;
                    }
                    Matcher p = PLACEHOLDER.matcher(inner);
                    Matcher pr = Pattern.compile("^<([^<>]+)>\\s*(\\.\\.\\.|\\*)$").matcher(inner);
                    if (p.matches()) {
                        a.putAll(placeholder(p.group(1), info));
                        a.put("optional", true);
                        out.add(a);
                        continue;
                    }
                    if (pr.matches()) {
                        a.putAll(placeholder(pr.group(1), info));
                        a.put("optional", true);
                        a.put("repeat", true);
                        out.add(a);
                        continue;
                    }
                    List<String> alts = alternatives(inner);
                    if (alts != null) {
                        a.put("name", "choice");
                        a.put("type", "ENUM");
                        a.put("values", alts);
                        a.put("optional", true);
                        out.add(a);
                        continue;
                    }
                    a.put("name", "options");
                    a.put("type", "REST");
                    a.put("optional", true);
                    out.add(a);
                    break;
                }
                if (e.startsWith("{") && e.endsWith("}")) {
                    String inner = e.substring(1, e.length() - 1).trim();
                    if (inner.replaceAll("\\s", "").equals("if|unless") && i + 1 < rest.size()) {
                        a.put("name", "condition");
                        a.put("type", "CONDITION");
                        out.add(a);
                        break;
                    }
                    List<String> alts = alternatives(inner);
                    if (alts != null) {
                        a.put("name", "choice");
                        a.put("type", "ENUM");
                        a.put("values", alts);
                        out.add(a);
                        continue;
                    }
                    a.put("name", "value");
                    a.put("type", "STRING");
                    out.add(a);
                    continue;
                }
                Matcher p = PLACEHOLDER.matcher(e);
                if (p.matches()) {
                    String name = p.group(1);
                    if (name.endsWith("...")) {
                        a.put("name", name.replace("...", "").trim());
                        a.put("type", "REST");
                        out.add(a);
                        break;
                    }
                    a.putAll(placeholder(name, info));
                    out.add(a);
                    continue;
                }
                if (e.matches("[a-z][a-z0-9_.-]*(\\|[a-z][a-z0-9_.-]*)+")) {
                    a.put("name", "choice");
                    a.put("type", "ENUM");
                    a.put("values", List.of(e.split("\\|")));
                    out.add(a);
                    continue;
                }
                if (e.matches("[a-z][a-z0-9_.-]*")) {
                    a.put("name", e);
                    a.put("type", "ENUM");
                    a.put("values", List.of(e));
                    out.add(a);
                    continue;
                }
                String lower = e.toLowerCase(Locale.ROOT);
                if (lower.contains("addr") || lower.contains("port") || lower.contains("<ip")) {
                    a.put("name", "address");
                    a.put("type", "ADDRESS");
                } else {
                    a.put("name", "value");
                    a.put("type", "STRING");
                }
                out.add(a);
            }
            return out;
        }

        static boolean isCondition(String inner) {
            String s = inner.replaceAll("\\s", "");
            return s.startsWith("{if|unless}") || s.startsWith("if|unless") || s.startsWith("{if|unless");
        }

        /** "a | b | c" with plain words only, or null. */
        static List<String> alternatives(String inner) {
            if (!inner.contains("|")) {
                return null;
            }
            List<String> vals = new ArrayList<>();
            for (String alt : inner.split("\\|")) {
                String t = alt.trim();
                if (!t.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
                    return null;
                }
                vals.add(t);
            }
            return vals;
        }

        static Map<String, Object> placeholder(String rawName, BlockInfo info) {
            String name = rawName.trim();
            String n = name.toLowerCase(Locale.ROOT);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            String type;
            if (n.matches(".*\\b(timeout|time|delay|period|interval|expire|duration|idle|inter|sec|seconds|ms)\\b.*")
                    && !n.contains("timestamp") && !n.contains("format")) {
                type = "TIME";
            } else if (n.equals("size") || n.endsWith(" size") || n.endsWith("-size") || n.equals("bytes")) {
                type = "SIZE";
            } else if (n.matches("(number|nb|num|count|conns|connections|rate|retries|factor|length|len|weight|code|"
                    + "status|maxconn|entries|megabytes|percent|limit|depth|threads|max|min|level-number|"
                    + "integer|int|id_number|nbthread|thread-count)")) {
                type = "INTEGER";
            } else if (n.matches(".*\\b(file|path|filename|dir|directory|jail dir)\\b.*") && !n.contains("name-")) {
                type = "FILE";
            } else if (n.matches("port_range|port-range|port range|ports|portrange")) {
                type = "PORT_RANGE";
            } else if (n.matches("(address|addr|ip|ipv4|ipv6|address:port|addr:port)")) {
                type = "ADDRESS";
            } else if (n.matches("(name|aclname|peersect|section|sectname|peer name|peername|table)")) {
                type = "NAME";
            } else if (n.matches("(condition|cond)")) {
                type = "CONDITION";
            } else if (info != null && info.parsesTime() && !info.parsesSize() && !info.parsesInt()) {
                // a vague placeholder ("<value>") the parser reads as a delay
                type = "TIME";
            } else if (info != null && info.parsesSize() && !info.parsesTime()) {
                type = "SIZE";
            } else if (n.equals("value") && info != null && info.parsesInt() && !info.parsesTime() && !info.parsesSize()) {
                type = "INTEGER";
            } else {
                type = "STRING";
            }
            a.put("type", type);
            if (type.equals("TIME")) {
                a.put("unit", info != null && info.timeUnit() != null ? info.timeUnit() : "ms");
            }
            if (type.equals("INTEGER") && info != null && info.range() != null) {
                a.put("min", info.range().get(0));
                a.put("max", info.range().get(1));
            }
            return a;
        }
    }

    // ------------------------------------------------------------------------------------------
    // One version's model: plain maps, merged later

    static final class VersionModel {
        final Map<String, Map<String, Map<String, Object>>> sections = new TreeMap<>();
        final Map<String, Map<String, Map<String, Object>>> removed = new TreeMap<>();
        final Map<String, Map<String, Object>> bind = new TreeMap<>();
        final Map<String, Map<String, Object>> server = new TreeMap<>();
        final Map<String, Map<String, Map<String, Object>>> actions = new TreeMap<>();
        final Map<String, Map<String, Object>> services = new TreeMap<>();
        final Map<String, Map<String, Object>> fetches = new TreeMap<>();
        final Map<String, Map<String, Object>> converters = new TreeMap<>();
        final Map<String, Map<String, Object>> aclKeywords = new TreeMap<>();
        final Map<String, Map<String, Object>> matchMethods = new TreeMap<>();
        final Map<String, Map<String, Object>> aclFlags = new TreeMap<>();
        final Map<String, Map<String, Object>> predefinedAcls = new TreeMap<>();

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sections", sections);
            m.put("removed", removed);
            m.put("bindOptions", bind);
            m.put("serverOptions", server);
            m.put("actions", actions);
            m.put("services", services);
            m.put("fetches", fetches);
            m.put("converters", converters);
            m.put("aclKeywords", aclKeywords);
            m.put("matchMethods", matchMethods);
            m.put("aclFlags", aclFlags);
            m.put("predefinedAcls", predefinedAcls);
            return m;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Extraction of one tag

    static final class Extractor {
        final Git git;
        final String tag;
        final List<Src> sources = new ArrayList<>();
        final Map<String, Func> functions = new HashMap<>();
        Doc doc;
        final VersionModel model = new VersionModel();
        final Map<String, String> MACROS = new HashMap<>();
        List<CfgKw> cfgKws = List.of();

        /**
         * What a block says about its keyword. A function shared by several keywords tells
         * nothing reliable about one keyword's arguments, only about where it may appear.
         */
        BlockInfo infoOf(Block b) {
            return b == null ? null : infoOf(b.text(), b.specific());
        }

        BlockInfo infoOf(String text, boolean specific) {
            BlockInfo i = analyze(text);
            if (specific) {
                return i;
            }
            return new BlockInfo(i.feWarn(), i.beWarn(), i.feError(), i.beError(), i.defaultsError(),
                    i.namedDefaultsOnly(), false, null, null, false, false, false, null, Set.of());
        }

        /** True when {@code fn} handles no other live keyword than {@code kw}. */
        boolean dedicated(String fnName, String kw) {
            Func f = fn(fnName);
            for (CfgKw k : cfgKws) {
                if (!k.fn().equals(fnName) || k.kw().equals(kw)) {
                    continue;
                }
                Block other = null;
                for (ChainKw c : chain(f.src(), f.bodyStart(), f.bodyEnd(), "0")) {
                    if (c.kw().equals(k.kw())) {
                        other = c.block();
                    }
                }
                if (other == null || removal(other, List.of(k.kw()), 0) == null) {
                    return false;
                }
            }
            return true;
        }

        /** A string literal, or a macro defined as one. */
        String lit(String expr) {
            String l = C.literal(expr);
            if (l == null && expr.trim().matches("[A-Z_][A-Z0-9_]*")) {
                l = MACROS.get(expr.trim());
            }
            return l;
        }

        Extractor(Git git, String tag) {
            this.git = git;
            this.tag = tag;
        }

        VersionModel extract() throws Exception {
            Pattern define = Pattern.compile("(?m)^\\s*#\\s*define\\s+(\\w+)\\s+(\"(?:[^\"\\\\]|\\\\.)*\")\\s*$");
            for (String path : git.ls(tag, "src", "addons", "include")) {
                if (!path.endsWith(".c") && !path.endsWith(".h")) {
                    continue;
                }
                if (path.endsWith(".h")) {
                    String h = git.show(tag, path);
                    Matcher dm = define.matcher(h == null ? "" : h);
                    while (dm.find()) {
                        MACROS.putIfAbsent(dm.group(1), C.literal(dm.group(2)));
                    }
                    continue;
                }
                String raw = git.show(tag, path);
                if (raw != null) {
                    sources.add(new Src(path, raw, C.dropDisabled(C.stripComments(raw))));
                    Matcher dm = define.matcher(raw);
                    while (dm.find()) {
                        MACROS.putIfAbsent(dm.group(1), C.literal(dm.group(2)));
                    }
                }
            }
            indexFunctions();
            doc = new Doc(git.show(tag, "doc/configuration.txt"));
            cfgKws = cfgKeywords();
            global(cfgKws);
            proxies(cfgKws);
            otherSections(cfgKws);
            bindAndServer();
            actions();
            samples();
            acl();
            return model;
        }

        static final Pattern FUNC_NAME = Pattern.compile("(?m)^(?:[A-Za-z_][\\w\\t \\*]*[\\s\\*])?(\\w+)\\s*\\(");

        void indexFunctions() {
            for (Src s : sources) {
                String code = s.code();
                Matcher m = FUNC_NAME.matcher(code);
                while (m.find()) {
                    String name = m.group(1);
                    if (Set.of("if", "while", "for", "switch", "return", "sizeof").contains(name)) {
                        continue;
                    }
                    int open = m.end() - 1;
                    int close = C.match(code, open);
                    int b = C.skipWs(code, close);
                    if (b < code.length() && code.charAt(b) == '{') {
                        int end = C.match(code, b);
                        functions.putIfAbsent(name, new Func(s, name, b, end));
                        m.region(end, code.length());
                    }
                }
            }
        }

        // --- tables ---------------------------------------------------------------------------

        record Table(Src src, String type, String var, List<List<String>> entries, List<String> rawLines) {}

        List<Table> tables(String structType) {
            List<Table> out = new ArrayList<>();
            Pattern p = Pattern.compile("struct\\s+" + structType + "\\s+(\\w+)(?:\\s*\\[\\s*\\w*\\s*\\])?\\s*=\\s*\\{");
            for (Src s : sources) {
                Matcher m = p.matcher(s.code());
                while (m.find()) {
                    int open = m.end() - 1;
                    int end = C.match(s.code(), open);
                    String text = C.dropPreprocessor(s.code().substring(open, end));
                    List<List<String>> entries = new ArrayList<>();
                    for (String g : C.leafGroups(text, 0, text.length())) {
                        List<String> f = C.splitArgs(g.replace('\n', ' '));
                        if (!f.isEmpty()) {
                            entries.add(f);
                        }
                    }
                    String rawText = s.raw().substring(open, end);
                    out.add(new Table(s, structType, m.group(1), entries, rawText.lines().toList()));
                }
            }
            return out;
        }

        /** The raw source line of a table entry naming {@code kw}, for comments such as DEPRECATED. */
        static String rawLineOf(Table t, String kw) {
            for (String l : t.rawLines()) {
                if (l.contains("\"" + kw + "\"")) {
                    return l;
                }
            }
            return "";
        }

        record CfgKw(String section, String kw, String fn, boolean experimental, String rawLine) {}

        List<CfgKw> cfgKeywords() {
            List<CfgKw> out = new ArrayList<>();
            for (Table t : tables("cfg_kw_list")) {
                for (List<String> e : t.entries()) {
                    if (e.size() < 3 || !e.get(0).startsWith("CFG_")) {
                        continue;
                    }
                    String kw = lit(e.get(1));
                    if (kw == null) {
                        continue;
                    }
                    boolean exp = e.size() > 3 && e.get(3).contains("KWF_EXPERIMENTAL");
                    out.add(new CfgKw(e.get(0), kw, e.get(2), exp, rawLineOf(t, kw)));
                }
            }
            return out;
        }

        // --- chains of strcmp(args[N], "kw") ---------------------------------------------------

        record ChainKw(String kw, Block block) {}

        static final Pattern STRCMP = Pattern.compile(
                "(!\\s*)?\\bstr(?:case)?cmp\\s*\\(\\s*(?:args\\[(\\d+|cur_arg|kw|arg)\\]|(\\w+))\\s*,\\s*\"([^\"]*)\"\\s*\\)(\\s*(==|!=)\\s*0)?");

        /** The keywords tested with strcmp(args[index], "kw") == 0 in the code range, with the block each guards. */
        List<ChainKw> chain(Src src, int from, int to, String index) {
            List<ChainKw> out = new ArrayList<>();
            Set<String> aliases = new TreeSet<>();
            Matcher al = Pattern.compile("\\b(\\w+)\\s*=\\s*args\\[" + Pattern.quote(index) + "\\]\\s*;").matcher(src.code());
            al.region(from, to);
            while (al.find()) {
                aliases.add(al.group(1));
            }
            Matcher m = STRCMP.matcher(src.code());
            m.region(from, to);
            while (m.find()) {
                String ix = m.group(2) != null ? m.group(2) : aliases.contains(m.group(3)) ? index : null;
                if (!index.equals(ix)) {
                    continue;
                }
                boolean negated = m.group(1) != null;
                String cmp = m.group(6);
                boolean eq = negated ? cmp == null : "==".equals(cmp);
                if (!eq) {
                    continue;
                }
                Block b = guardedBlock(src, m.start());
                if (b == null || b.start() < from || b.end() > to + 1 || m.group(4).equals("if")
                        || m.group(4).equals("unless")) {
                    continue;
                }
                out.add(new ChainKw(m.group(4), b));
            }
            return out;
        }

        Func fn(String name) {
            return functions.get(name);
        }

        // --- global ----------------------------------------------------------------------------

        /** Keywords that accept the "no" / "default" modifiers (besides "option"). */
        Set<String> negatableKeywords() {
            Set<String> out = new TreeSet<>();
            for (Src s : sources) {
                if (!s.path().equals("src/cfgparse.c")) {
                    continue;
                }
                Matcher m = Pattern.compile("kwm\\s*!=\\s*KWM_STD\\s*&&").matcher(s.code());
                if (m.find()) {
                    int open = s.code().lastIndexOf('(', m.start());
                    int close = C.match(s.code(), open);
                    Matcher k = Pattern.compile("strcmp\\s*\\(\\s*args\\[0\\]\\s*,\\s*\"([^\"]+)\"\\s*\\)\\s*!=\\s*0")
                            .matcher(s.code().substring(open, close));
                    while (k.find()) {
                        out.add(k.group(1));
                    }
                }
            }
            return out;
        }

        void global(List<CfgKw> cfgKws) {
            Map<String, Map<String, Object>> kws = new TreeMap<>();
            Map<String, Map<String, Object>> removed = new TreeMap<>();
            Set<String> negatable = negatableKeywords();
            List<Heading> hs = doc.headings("(Global parameters|Global section|Process management and security|"
                    + "Performance tuning|Debugging|HTTPClient tuning|HTTPClient)");
            Map<String, Boolean> listed = globalList();
            Func f = fn("cfg_parse_global");
            List<ChainKw> chain = f == null ? List.of() : chain(f.src(), f.bodyStart(), f.bodyEnd(), "0");
            Map<String, List<Block>> blocks = new TreeMap<>();
            for (ChainKw c : chain) {
                if (c.kw().equals("global") || c.kw().equals("no") || c.kw().equals("default")) {
                    continue;
                }
                blocks.computeIfAbsent(c.kw(), k -> new ArrayList<>()).add(c.block());
            }
            for (CfgKw k : cfgKws) {
                if (!k.section().equals("CFG_GLOBAL")) {
                    continue;
                }
                Block b = kwBlock(k.fn(), k.kw(), 0);
                blocks.computeIfAbsent(k.kw(), x -> new ArrayList<>()).add(b);
            }
            Set<String> experimental = new TreeSet<>();
            Set<String> srcDeprecated = new TreeSet<>();
            for (CfgKw k : cfgKws) {
                if (k.section().equals("CFG_GLOBAL")) {
                    if (k.experimental()) {
                        experimental.add(k.kw());
                    }
                    if (k.rawLine().toUpperCase(Locale.ROOT).contains("DEPRECATED")) {
                        srcDeprecated.add(k.kw());
                    }
                }
            }
            for (var e : blocks.entrySet()) {
                String kw = e.getKey();
                Removal r = null;
                for (Block b : e.getValue()) {
                    if (b != null && r == null) {
                        r = removal(b, List.of(kw), 0);
                    }
                }
                if (r != null) {
                    removed.put(kw, removedJson(r));
                    continue;
                }
                BlockInfo info = infoOf(e.getValue().get(0));
                kws.put(kw, keyword(kw, 1, "allowed", negatable.contains(kw),
                        srcDeprecated.contains(kw) || info != null && info.deprecated(), experimental.contains(kw),
                        headingsFor(hs, kw), info, true, listed.containsKey(kw) || !headingsFor(hs, kw).isEmpty()));
            }
            // documented but not found in the parsers (addons, build options): keep them, conservatively
            Set<String> docNames = new TreeSet<>(listed.keySet());
            for (String kw : docNames) {
                if (!kws.containsKey(kw) && !removed.containsKey(kw)) {
                    kws.put(kw, keyword(kw, 1, "allowed", negatable.contains(kw), listed.get(kw), false,
                            headingsFor(hs, kw), null, false, true));
                }
            }
            for (var e : listed.entrySet()) {
                if (e.getValue() && kws.containsKey(e.getKey())) {
                    kws.get(e.getKey()).put("deprecated", true);
                }
            }
            model.sections.put("global", kws);
            if (!removed.isEmpty()) {
                model.removed.put("global", removed);
            }
        }

        /** The bullet list at the start of the global chapter: keyword -> marked deprecated. */
        Map<String, Boolean> globalList() {
            Map<String, Boolean> out = new TreeMap<>();
            for (Doc.Chapter c : doc.chapters("(Global parameters|Global section)")) {
                Pattern p = Pattern.compile("^\\s+- ([a-z0-9][\\w.\\-]*)(\\s+\\(deprecated\\))?\\s*$");
                for (int i = c.start(); i < c.end(); i++) {
                    Matcher m = p.matcher(doc.lines.get(i));
                    if (m.matches()) {
                        out.put(m.group(1), m.group(2) != null);
                    }
                }
            }
            return out;
        }

        /** The code that handles keyword {@code kw} in function {@code fnName}: its strcmp block, or the whole body. */
        Block kwBlock(String fnName, String kw, int argIndex) {
            Func f = fn(fnName);
            if (f == null) {
                return null;
            }
            List<ChainKw> chain = chain(f.src(), f.bodyStart(), f.bodyEnd(), String.valueOf(argIndex));
            for (ChainKw c : chain) {
                if (c.kw().equals(kw) && !f.src().code().startsWith("{", c.block().start())) {
                    break; // "if (!strcmp(args[0], kw)) args++;": the whole function handles it
                }
                if (c.kw().equals(kw)) {
                    // what the function checks before testing the keyword applies to it too
                    int first = chain.get(0).block().start();
                    int ifStart = f.src().code().lastIndexOf("if", first);
                    int pro = Math.max(f.bodyStart(), Math.min(first, ifStart < 0 ? first : ifStart));
                    String prologue = f.src().code().substring(f.bodyStart(), pro);
                    if (prologue.contains("ERR_ALERT") || prologue.contains("return -1") || prologue.contains("PR_CAP_")) {
                        return new Block(f.src(), c.block().start(), c.block().end(), true, prologue + "\n");
                    }
                    return c.block();
                }
            }
            return new Block(f.src(), f.bodyStart(), f.bodyEnd(), dedicated(fnName, kw));
        }

        Map<String, Object> removedJson(Removal r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", r.message());
            if (r.replacement() != null) {
                m.put("replacement", r.replacement());
            }
            if (r.removedIn() != null) {
                m.put("removedIn", r.removedIn());
            }
            return m;
        }

        /** A keyword entry: syntax from the manual, argument types, and what the parser said. */
        Map<String, Object> keyword(String kw, int words, String usage, boolean negatable, boolean deprecated,
                boolean experimental, List<Heading> hs, BlockInfo info, boolean registered, boolean documented) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("usage", usage);
            if (negatable) {
                m.put("negatable", true);
            }
            if (deprecated || anyDeprecated(hs)) {
                m.put("deprecated", true);
            }
            if (experimental) {
                m.put("experimental", true);
            }
            if (!registered) {
                m.put("registered", false);
            }
            if (!documented) {
                m.put("documented", false);
            }
            List<String> syn = syntaxes(hs);
            if (!syn.isEmpty()) {
                m.put("syntax", syn);
            }
            argsInto(m, kw, syn, words, info);
            return m;
        }

        void argsInto(Map<String, Object> m, String kw, List<String> syn, int words, BlockInfo info) {
            List<Map<String, Object>> args = null;
            if (syn.size() == 1) {
                args = Args.type(syn.get(0), words, info);
            }
            if (args == null) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", "args");
                a.put("type", "REST");
                a.put("optional", true);
                args = List.of(a);
            }
            m.put("args", args);
            int mandatory = 0;
            boolean open = false;
            for (Map<String, Object> a : args) {
                boolean optional = Boolean.TRUE.equals(a.get("optional"));
                if (!optional && !open) {
                    mandatory++;
                } else {
                    open = true;
                }
            }
            // HAProxy often reads a missing argument as an empty string and goes on: require one
            // only when the manual shows it and the parser refuses an empty first argument
            int min = mandatory > 0 && info != null && info.emptyChecked().contains(words) ? 1 : 0;
            if (ACCEPTS_NO_ARGS.contains(kw)) {
                min = 0;
            }
            m.put("minArgs", min);
            if (info != null && info.maxArgs() != null && info.maxArgs() - (words - 1) >= 0) {
                int fromDoc = syn.size() == 1 && args.stream().noneMatch(a -> a.get("type").equals("REST")
                        || Boolean.TRUE.equals(a.get("repeat"))) ? args.size() : -1;
                // the parser's limit is an index into args[]: count the words after the keyword
                m.put("maxArgs", Math.max(info.maxArgs() - (words - 1), fromDoc));
            }
        }

        // --- proxies ---------------------------------------------------------------------------

        record MatrixRow(String name, String[] cells, boolean negatable, boolean deprecated) {}

        Map<String, MatrixRow> matrix() {
            Map<String, MatrixRow> out = new TreeMap<>();
            List<Doc.Chapter> cs = doc.chapters("Proxy keywords matrix");
            if (cs.isEmpty()) {
                return out;
            }
            Doc.Chapter c = cs.get(0);
            String[] order = null;
            Pattern row = Pattern.compile("^(\\S.*?)\\s+(X|-)(\\s*\\(!\\))?\\s+(X|-)\\s+(X|-)\\s+(X|-)\\s*$");
            for (int i = c.start(); i < c.end(); i++) {
                String l = doc.lines.get(i);
                if (order == null && l.trim().startsWith("keyword") && l.contains("defaults")) {
                    String[] cols = l.trim().split("\\s+");
                    order = Arrays.copyOfRange(cols, 1, cols.length);
                    continue;
                }
                if (order == null || l.startsWith("-") || l.startsWith(" ")) {
                    continue;
                }
                Matcher m = row.matcher(l);
                if (!m.matches()) {
                    continue;
                }
                String name = m.group(1);
                boolean neg = name.contains("(*)");
                boolean dep = name.contains("(deprecated)");
                name = name.replace("(*)", "").replace("(deprecated)", "").trim().replaceAll("\\s+", " ");
                String[] vals = {m.group(2) + (m.group(3) != null ? "!" : ""), m.group(4), m.group(5), m.group(6)};
                String[] cells = new String[4];
                for (int k = 0; k < 4; k++) {
                    int idx = PROXY_SECTIONS.indexOf(order[k]);
                    cells[idx] = vals[k];
                }
                out.put(name, new MatrixRow(name, cells, neg, dep));
            }
            return out;
        }

        /** What the source says about one proxy keyword: its handler block(s) and removal. */
        record ProxyKw(String name, List<Block> blocks, Removal removal, boolean experimental, boolean srcDeprecated) {}

        void proxies(List<CfgKw> cfgKws) {
            Set<String> negatable = negatableKeywords();
            Map<String, MatrixRow> matrix = matrix();
            List<Heading> hs = new ArrayList<>(doc.headings("Alphabetically sorted keywords reference"));
            hs.addAll(doc.headings("Proxy section"));
            hs.addAll(doc.headings("stick-table declaration|Stick-tables declaration"));
            Map<String, ProxyKw> src = new TreeMap<>();
            Func listen = fn("cfg_parse_listen");
            Map<String, Block> topBlocks = new TreeMap<>();
            if (listen != null) {
                for (ChainKw c : chain(listen.src(), listen.bodyStart(), listen.bodyEnd(), "0")) {
                    if (PROXY_SECTIONS.contains(c.kw()) || c.kw().equals("no") || c.kw().equals("default")) {
                        continue;
                    }
                    topBlocks.putIfAbsent(c.kw(), c.block());
                }
            }
            Map<String, String> handlers = new TreeMap<>();
            Set<String> experimental = new TreeSet<>();
            Set<String> srcDeprecated = new TreeSet<>();
            for (CfgKw k : cfgKws) {
                if (k.section().equals("CFG_LISTEN")) {
                    handlers.putIfAbsent(k.kw(), k.fn());
                    if (k.experimental()) {
                        experimental.add(k.kw());
                    }
                    if (k.rawLine().toUpperCase(Locale.ROOT).contains("DEPRECATED")) {
                        srcDeprecated.add(k.kw());
                    }
                }
            }
            Map<String, Map<String, Object>> removed = new TreeMap<>();
            // top-level keywords and their code
            Map<String, Block> codeOf = new TreeMap<>();
            for (var e : topBlocks.entrySet()) {
                codeOf.put(e.getKey(), e.getValue());
            }
            for (var e : handlers.entrySet()) {
                if (!codeOf.containsKey(e.getKey())) {
                    codeOf.put(e.getKey(), kwBlock(e.getValue(), e.getKey(), 0));
                }
            }
            Set<String> tops = new TreeSet<>();
            for (var e : codeOf.entrySet()) {
                String kw = e.getKey();
                Block b = e.getValue();
                Removal r = b == null ? null : removal(b, List.of(kw), 0);
                if (r != null && !FAMILIES.contains(kw)) {
                    removed.put(kw, removedJson(r));
                    continue;
                }
                tops.add(kw);
            }
            // family members: name -> code block
            Map<String, Block> members = new TreeMap<>();
            Map<String, Boolean> memberNegatable = new TreeMap<>();
            Map<String, Integer> optionCaps = new TreeMap<>();
            for (String fam : FAMILIES) {
                Block b = codeOf.get(fam);
                if (b == null) {
                    continue;
                }
                if (fam.equals("option")) {
                    optionMembers(b, members, memberNegatable, optionCaps, removed);
                    continue;
                }
                List<String> idx = fam.equals("timeout") ? List.of("0", "1") : List.of("1", "cur_arg");
                List<Block> scan = new ArrayList<>(List.of(b));
                String handler = handlers.get(fam);
                if (handler != null) {
                    Func hf = fn(handler);
                    if (hf != null) {
                        for (Matcher cm = Pattern.compile("\\b(do_parse_\\w+|\\w+_parse_\\w+)\\s*\\(").matcher(hf.body()); cm.find(); ) {
                            Func callee = fn(cm.group(1));
                            if (callee != null && callee.src() == hf.src() && !callee.name().equals(handler)) {
                                scan.add(new Block(callee.src(), callee.bodyStart(), callee.bodyEnd()));
                            }
                        }
                    }
                }
                for (Block sb : scan) {
                    for (String ix : idx) {
                        for (ChainKw c : chain(sb.src(), sb.start(), sb.end(), ix)) {
                            String sub = c.kw();
                            if (!sub.matches("[a-z][a-z0-9_.-]*") || Set.of("if", "unless", fam).contains(sub)) {
                                continue;
                            }
                            if (fam.equals("timeout") && (sub.endsWith("timeout"))) {
                                continue;
                            }
                            if (fam.equals("capture")) {
                                if (sub.equals("request") || sub.equals("response")) {
                                    sub = sub + " header";
                                } else if (!sub.equals("cookie")) {
                                    continue;
                                }
                            }
                            if (!ix.equals("1") && !ix.equals("0") && !fam.endsWith("-check")) {
                                continue;
                            }
                            String name = fam + " " + sub;
                            Removal r = removal(c.block(), List.of(fam, sub), 0);
                            if (r != null) {
                                removed.put(name, removedJson(r));
                                continue;
                            }
                            members.putIfAbsent(name, c.block());
                        }
                    }
                }
            }
            // the manual's families and keywords
            for (String name : matrix.keySet()) {
                String first = name.split(" ")[0];
                if (FAMILIES.contains(first) && name.contains(" ")) {
                    members.putIfAbsent(name, null);
                } else if (!name.contains(" ")) {
                    tops.add(name);
                }
            }
            for (Heading h : hs) {
                String[] w = h.text().split("\\s+");
                if (w.length == 0 || !w[0].matches("[a-z][a-z0-9_.-]*")) {
                    continue;
                }
                if (FAMILIES.contains(w[0])) {
                    if (w.length > 1) {
                        String sub = w[1].replaceAll("\\(.*", "");
                        if (w[0].equals("capture") && w.length > 2 && w[2].equals("header")) {
                            sub = sub + " header";
                        }
                        if (sub.matches("[a-z][a-z0-9_.-]*( header)?") && !removed.containsKey(w[0] + " " + sub)) {
                            members.putIfAbsent(w[0] + " " + sub, null);
                        }
                    }
                } else if (!w[0].equals("no") && !removed.containsKey(w[0]) && (codeOf.containsKey(w[0])
                        || matrix.containsKey(w[0]))) {
                    tops.add(w[0]);
                }
            }
            for (String fam : FAMILIES) {
                tops.remove(fam);
            }
            // a name only the manual's matrix gives, that the proxy parser does not know but that
            // is a bind or server option, is a slip of the manual ("crt" in 3.4, "hash-key" in 3.0)
            Set<String> lineOptions = new TreeSet<>();
            for (String t : List.of("bind_kw_list", "srv_kw_list")) {
                for (Table tb : tables(t)) {
                    for (List<String> e : tb.entries()) {
                        String kw = e.isEmpty() ? null : lit(e.get(0));
                        if (kw != null) {
                            lineOptions.add(kw);
                        }
                    }
                }
            }
            tops.removeIf(kw -> !codeOf.containsKey(kw) && lineOptions.contains(kw));
            // build entries for each section
            Map<String, Map<String, Map<String, Object>>> per = new TreeMap<>();
            for (String s : PROXY_SECTIONS) {
                per.put(s, new TreeMap<>());
            }
            for (String kw : tops) {
                Block b = codeOf.get(kw);
                BlockInfo info = infoOf(b);
                MatrixRow row = matrix.get(kw);
                boolean dep = srcDeprecated.contains(kw) || row != null && row.deprecated() || info != null && info.deprecated();
                List<Heading> kh = headingsFor(hs, kw);
                boolean rules = RULE_KEYWORDS.contains(kw);
                if (rules) {
                    // older manuals give each action a heading "http-request <action> ...": those
                    // belong to the actions; keep the generic line
                    kh = kh.stream().filter(h -> h.text().substring(kw.length()).trim().startsWith("<")).toList();
                }
                List<String> enumValues = kw.equals("balance") ? balanceAlgorithms() : firstArgLiterals(b);
                String deepText = withCallees(b, functions);
                BlockInfo deep = deepText == null ? null : analyze(deepText);
                for (int i = 0; i < 4; i++) {
                    String cell = row == null ? null : row.cells()[i];
                    String usage = usage(PROXY_SECTIONS.get(i), cell, "-".equals(cell) ? deep : info, null);
                    if (usage == null) {
                        continue;
                    }
                    Map<String, Object> entry = keyword(kw, 1, usage, negatable.contains(kw) || row != null && row.negatable(),
                            dep, experimental.contains(kw), kh, info, b != null, row != null || !kh.isEmpty());
                    if (rules) {
                        entry.put("ruleSet", kw);
                    }
                    if (kw.equals("balance") && !enumValues.isEmpty()) {
                        Map<String, Object> alg = new LinkedHashMap<>();
                        alg.put("name", "algorithm");
                        alg.put("type", "ENUM");
                        alg.put("values", enumValues);
                        entry.put("args", List.of(alg, restArg("arguments")));
                    } else {
                        widenEnum(entry, enumValues);
                    }
                    per.get(PROXY_SECTIONS.get(i)).put(kw, entry);
                }
            }
            for (var e : members.entrySet()) {
                String name = e.getKey();
                String fam = name.split(" ")[0];
                Block famBlock = codeOf.get(fam);
                Block b = e.getValue();
                BlockInfo famInfo = famBlock == null ? null : infoOf(prologue(famBlock), famBlock.specific());
                BlockInfo info = b == null ? famInfo : merge(famInfo, analyze(b.text()));
                MatrixRow row = matrix.get(name);
                String[] cells = row == null ? siblingCells(matrix, fam) : row.cells();
                boolean neg = row != null && row.negatable() || Boolean.TRUE.equals(memberNegatable.get(name));
                boolean dep = row != null && row.deprecated() || info != null && info.deprecated() && b != null;
                List<Heading> kh = headingsFor(hs, name);
                boolean ruleMember = RULE_MEMBERS.contains(name);
                if (ruleMember) {
                    kh = kh.stream().filter(h -> h.text().substring(name.length()).trim().startsWith("<")).toList();
                }
                Integer cap = optionCaps.get(name);
                String famDeep = withCallees(famBlock, functions);
                String subDeep = withCallees(b, functions);
                BlockInfo deep = famDeep == null ? info : merge(analyze(prologueOf(famDeep)),
                        subDeep == null ? analyze(prologueOf(famDeep)) : analyze(subDeep));
                for (int i = 0; i < 4; i++) {
                    String cell = cells == null ? null : cells[i];
                    String usage = usage(PROXY_SECTIONS.get(i), cell, "-".equals(cell) ? deep : info, cap);
                    if (usage == null) {
                        continue;
                    }
                    Map<String, Object> entry = keyword(name, name.split(" ").length, usage, neg, dep, false, kh, info,
                            b != null || optionCaps.containsKey(name), row != null || !kh.isEmpty());
                    if (ruleMember) {
                        entry.put("ruleSet", name);
                    }
                    per.get(PROXY_SECTIONS.get(i)).put(name, entry);
                }
            }
            for (String s : PROXY_SECTIONS) {
                model.sections.put(s, per.get(s));
                if (!removed.isEmpty()) {
                    Map<String, Map<String, Object>> rs = new TreeMap<>();
                    for (var e : removed.entrySet()) {
                        if (!per.get(s).containsKey(e.getKey())) {
                            rs.put(e.getKey(), e.getValue());
                        }
                    }
                    model.removed.put(s, rs);
                }
            }
        }

        static final Set<String> RULE_MEMBERS = Set.of("tcp-request connection", "tcp-request session",
                "tcp-request content", "tcp-response content");

        static final Set<String> RULE_KEYWORDS = Set.of("http-request", "http-response", "http-after-response",
                "quic-initial");

        static Map<String, Object> restArg(String name) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            a.put("type", "REST");
            a.put("optional", true);
            return a;
        }

        /**
         * The words a keyword's block compares its first argument with, leaving out the branches
         * that only refuse the word ("mode health" in 2.6).
         */
        List<String> firstArgLiterals(Block b) {
            if (b == null) {
                return List.of();
            }
            Set<String> out = new TreeSet<>();
            for (ChainKw c : chain(b.src(), b.start(), b.end(), "1")) {
                if (c.kw().matches("[a-z0-9][a-z0-9_.-]*") && removal(c.block(), List.of("x", c.kw()), 0) == null
                        && !onlyRefuses(c.block())) {
                    out.add(c.kw());
                }
            }
            return new ArrayList<>(out);
        }

        static boolean onlyRefuses(Block b) {
            String t = b.text().replaceAll("\\s+", " ").trim();
            return t.matches("\\{? ?ha_alert\\(.*") && t.contains("ERR_ALERT") && !t.contains(" = ");
        }

        /** A first argument the manual types ENUM also accepts the values the parser tests. */
        static void widenEnum(Map<String, Object> entry, List<String> values) {
            Object args = entry.get("args");
            if (values.isEmpty() || !(args instanceof List<?> list) || list.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) list.get(0);
            if (!"ENUM".equals(first.get("type")) || ((List<?>) first.get("values")).size() < 2) {
                return;
            }
            LinkedHashSet<String> merged = new LinkedHashSet<>();
            for (Object v : (List<?>) first.get("values")) {
                merged.add((String) v);
            }
            merged.addAll(values);
            first.put("values", new ArrayList<>(merged));
        }

        /** The algorithms "balance" accepts, from the backend's parser. */
        List<String> balanceAlgorithms() {
            Func f = fn("backend_parse_balance");
            if (f == null) {
                return List.of();
            }
            Set<String> out = new LinkedHashSet<>();
            Matcher m = Pattern.compile("str(?:n)?cmp\\s*\\(\\s*args\\[0\\]\\s*,\\s*\"([^\"]+)\"").matcher(f.body());
            while (m.find()) {
                String v = m.group(1).replaceAll("\\($", "");
                if (v.matches("[a-z][a-z0-9_-]*")) {
                    out.add(v);
                }
            }
            return new ArrayList<>(out);
        }

        /** The part of a family's block before its first sub-keyword test. */
        static String prologue(Block b) {
            return prologueOf(b.text());
        }

        static String prologueOf(String t) {
            Matcher m = Pattern.compile("str(?:n)?cmp\\s*\\(\\s*args\\[(1|cur_arg)\\]").matcher(t);
            return m.find() ? t.substring(0, m.start()) : t;
        }

        static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
            Set<Integer> u = new TreeSet<>(a);
            u.addAll(b);
            return u;
        }

        static BlockInfo merge(BlockInfo a, BlockInfo b) {
            if (a == null) {
                return b;
            }
            return new BlockInfo(a.feWarn() || b.feWarn(), a.beWarn() || b.beWarn(), a.feError() || b.feError(),
                    a.beError() || b.beError(), a.defaultsError() || b.defaultsError(),
                    a.namedDefaultsOnly() || b.namedDefaultsOnly(), b.deprecated(), b.maxArgs(), b.timeUnit() != null
                    ? b.timeUnit() : a.timeUnit(), a.parsesTime() || b.parsesTime(), b.parsesSize(), b.parsesInt(),
                    b.range(), union(a.emptyChecked(), b.emptyChecked()));
        }

        /** The most permissive cells among a family's documented members. */
        static String[] siblingCells(Map<String, MatrixRow> matrix, String fam) {
            String[] best = null;
            for (MatrixRow r : matrix.values()) {
                if (!r.name().startsWith(fam + " ")) {
                    continue;
                }
                if (best == null) {
                    best = r.cells().clone();
                    continue;
                }
                for (int i = 0; i < 4; i++) {
                    if (r.cells()[i].startsWith("X") && !best[i].equals("X")) {
                        best[i] = r.cells()[i];
                    }
                }
            }
            return best;
        }

        /**
         * How a proxy section treats a keyword: "allowed", "named-defaults" (named defaults only),
         * "ignored" (accepted with a warning, no effect), or null (rejected).
         */
        static String usage(String section, String cell, BlockInfo info, Integer optionCap) {
            int idx = PROXY_SECTIONS.indexOf(section);
            if (cell != null && cell.startsWith("X")) {
                return cell.endsWith("!") ? "named-defaults" : "allowed";
            }
            if (cell == null) {
                // undocumented in the matrix: trust the source, else accept
                if (info == null) {
                    return optionCapUsage(section, optionCap);
                }
                if (section.equals("defaults")) {
                    return info.defaultsError() ? null : info.namedDefaultsOnly() ? "named-defaults" : "allowed";
                }
                if (section.equals("frontend")) {
                    return info.beError() ? null : info.beWarn() ? "ignored" : optionCapUsage(section, optionCap);
                }
                if (section.equals("backend")) {
                    return info.feError() ? null : info.feWarn() ? "ignored" : optionCapUsage(section, optionCap);
                }
                return "allowed";
            }
            // "-" in the matrix: rejected when the source shows an error, else accepted with a warning
            if (info == null) {
                return idx == 0 ? null : "ignored";
            }
            if (section.equals("defaults")) {
                return info.defaultsError() || info.namedDefaultsOnly() ? null : "ignored";
            }
            if (section.equals("frontend")) {
                return info.beError() ? null : "ignored";
            }
            if (section.equals("backend")) {
                return info.feError() ? null : "ignored";
            }
            return "ignored";
        }

        static String optionCapUsage(String section, Integer cap) {
            if (cap == null || cap == 0) {
                return "allowed";
            }
            if (section.equals("frontend") && (cap & 1) == 0) {
                return "ignored";
            }
            if (section.equals("backend") && (cap & 2) == 0) {
                return "ignored";
            }
            return "allowed";
        }

        /** "option X" members: the cfg_opt tables and the option block's own branches. */
        void optionMembers(Block b, Map<String, Block> members, Map<String, Boolean> negatable,
                Map<String, Integer> caps, Map<String, Map<String, Object>> removed) {
            for (Table t : tables("cfg_opt")) {
                for (List<String> e : t.entries()) {
                    String name = e.isEmpty() ? null : lit(e.get(0));
                    if (name == null || e.size() < 3) {
                        continue;
                    }
                    String capExpr = e.get(2);
                    int cap = (capExpr.contains("PR_CAP_FE") ? 1 : 0) | (capExpr.contains("PR_CAP_BE") ? 2 : 0);
                    String key = "option " + name;
                    caps.merge(key, cap, (x, y) -> x | y);
                    negatable.put(key, true);
                    members.putIfAbsent(key, null);
                }
            }
            String code = b.src().code();
            int marker = code.indexOf("negation/default is not supported for option", b.start());
            if (marker > b.end()) {
                marker = -1;
            }
            for (ChainKw c : chain(b.src(), b.start(), b.end(), "1")) {
                String name = "option " + c.kw();
                if (!c.kw().matches("[a-z][a-z0-9_.-]*")) {
                    continue;
                }
                Removal r = removal(c.block(), List.of("option", c.kw()), 0);
                if (r != null) {
                    removed.put(name, removedJson(r));
                    continue;
                }
                members.putIfAbsent(name, c.block());
                if (marker < 0 || c.block().start() < marker) {
                    negatable.put(name, true);
                }
            }
        }

        // --- other sections -------------------------------------------------------------------

        static final Map<String, String> DOC_CHAPTERS = Map.ofEntries(
                Map.entry("userlist", "Userlists"),
                Map.entry("peers", "Peers|Peers declaration"),
                Map.entry("mailers", "Mailers"),
                Map.entry("program", "Programs.*"),
                Map.entry("http-errors", "HTTP-errors"),
                Map.entry("ring", "Rings"),
                Map.entry("log-forward", "Log forwarding"),
                Map.entry("crt-store", "Certificate Storage|Load options"),
                Map.entry("traces", "Traces"),
                Map.entry("acme", "ACME"),
                Map.entry("healthcheck", "Healthchecks"),
                Map.entry("resolvers", "The resolvers section"),
                Map.entry("cache", "Cache section"),
                Map.entry("fcgi-app", "Fcgi-app section"),
                Map.entry("log-profile", "Log profiles"),
                Map.entry("namespace_list", "-none-"));

        void otherSections(List<CfgKw> cfgKws) {
            Map<String, String> parsers = new TreeMap<>();
            Pattern reg = Pattern.compile("(?:REGISTER_CONFIG_SECTION|cfg_register_section)\\s*\\(\\s*\"([^\"]+)\"\\s*,\\s*(\\w+)");
            for (Src s : sources) {
                Matcher m = reg.matcher(s.code());
                while (m.find()) {
                    parsers.put(m.group(1), m.group(2));
                }
            }
            Set<String> negatable = negatableKeywords();
            for (String section : OTHER_SECTIONS) {
                if (section.equals("global") || !parsers.containsKey(section)) {
                    continue;
                }
                Func f = fn(parsers.get(section));
                if (f == null) {
                    continue;
                }
                Map<String, List<Block>> blocks = new TreeMap<>();
                for (ChainKw c : chain(f.src(), f.bodyStart(), f.bodyEnd(), "0")) {
                    if (c.kw().equals(section) || c.kw().isEmpty() || !c.kw().matches("[a-z0-9][a-z0-9_.-]*")) {
                        continue;
                    }
                    blocks.computeIfAbsent(c.kw(), k -> new ArrayList<>()).add(c.block());
                }
                Matcher sm = Pattern.compile("section\\s*(?:!=|==|&)\\s*(CFG_\\w+)").matcher(f.body());
                Set<String> exp = new TreeSet<>();
                if (sm.find()) {
                    String cfg = sm.group(1);
                    for (CfgKw k : cfgKws) {
                        if (k.section().equals(cfg)) {
                            blocks.computeIfAbsent(k.kw(), x -> new ArrayList<>()).add(kwBlock(k.fn(), k.kw(), 0));
                            if (k.experimental()) {
                                exp.add(k.kw());
                            }
                        }
                    }
                }
                // userlist in older versions parses "user"/"group" in the same function; new ones use CFG_USERLIST
                List<Heading> hs = doc.headings(DOC_CHAPTERS.getOrDefault(section, "-none-"));
                Map<String, Map<String, Object>> kws = new TreeMap<>();
                Map<String, Map<String, Object>> removed = new TreeMap<>();
                for (var e : blocks.entrySet()) {
                    String kw = e.getKey();
                    Block b = e.getValue().get(0);
                    Removal r = b == null ? null : removal(b, List.of(kw), 0);
                    if (r != null) {
                        removed.put(kw, removedJson(r));
                        continue;
                    }
                    BlockInfo info = infoOf(b);
                    List<Heading> kh = headingsFor(hs, kw);
                    kws.put(kw, keyword(kw, 1, "allowed", negatable.contains(kw), info != null && info.deprecated(),
                            exp.contains(kw), kh, info, true, !kh.isEmpty()));
                }
                if (section.equals("program")) {
                    // "no option start-on-reload": the program section's single option
                    kws.computeIfPresent("option", (k, v) -> {
                        v.put("negatable", true);
                        return v;
                    });
                }
                model.sections.put(section, kws);
                if (!removed.isEmpty()) {
                    model.removed.put(section, removed);
                }
            }
        }

        // --- bind and server options ----------------------------------------------------------

        void bindAndServer() {
            List<Heading> bh = doc.headings("Bind options");
            for (Table t : tables("bind_kw_list")) {
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null || e.size() < 3) {
                        continue;
                    }
                    Map<String, Object> m = option(kw, e.get(2), bh, e.get(1), rawLineOf(t, kw));
                    model.bind.putIfAbsent(kw, m);
                }
            }
            List<Heading> sh = doc.headings("Server and default-server options");
            for (Table t : tables("srv_kw_list")) {
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null || e.size() < 3) {
                        continue;
                    }
                    Map<String, Object> m = option(kw, e.get(2), sh, e.get(1), rawLineOf(t, kw));
                    if (e.size() > 3) {
                        m.put("defaultServer", !e.get(3).trim().equals("0"));
                    }
                    if (e.size() > 4) {
                        m.put("dynamic", !e.get(4).trim().equals("0"));
                    }
                    model.server.putIfAbsent(kw, m);
                }
            }
        }

        Map<String, Object> option(String kw, String skipExpr, List<Heading> hs, String parseFn, String rawLine) {
            Map<String, Object> m = new LinkedHashMap<>();
            int skip;
            try {
                skip = Integer.parseInt(skipExpr.trim());
            } catch (NumberFormatException ex) {
                skip = 1;
            }
            if (skip < 0) {
                // "source <addr> [usesrc ...]": at least one word, the option reads what it knows
                m.put("values", 1);
                m.put("moreValues", true);
            } else {
                m.put("values", skip);
            }
            List<Heading> kh = headingsFor(hs, kw);
            List<String> syn = syntaxes(kh);
            if (!syn.isEmpty()) {
                m.put("syntax", syn);
            }
            Func f = fn(parseFn.trim());
            BlockInfo info = f == null ? null : analyze(f.body());
            if (f != null) {
                Removal r = removal(new Block(f.src(), f.bodyStart(), f.bodyEnd()), List.of(kw), 0);
                if (r != null) {
                    m.put("removed", removedJson(r));
                }
            }
            if (skip != 0) {
                String type = "STRING";
                Map<String, Object> a = null;
                if (syn.size() == 1) {
                    List<String> els = Args.elements(syn.get(0));
                    if (els.size() > 1) {
                        Matcher p = Args.PLACEHOLDER.matcher(els.get(1));
                        if (p.matches()) {
                            a = Args.placeholder(p.group(1), info);
                        } else if (els.get(1).startsWith("{") || els.get(1).contains("|")) {
                            List<String> alts = Args.alternatives(els.get(1).replaceAll("^[\\[{]|[\\]}]$", ""));
                            if (alts != null) {
                                a = new LinkedHashMap<>();
                                a.put("name", "choice");
                                a.put("type", "ENUM");
                                a.put("values", alts);
                            }
                        }
                    }
                }
                if (a == null) {
                    a = new LinkedHashMap<>();
                    a.put("name", "value");
                    a.put("type", info != null && info.parsesTime() ? "TIME" : type);
                    if (info != null && info.parsesTime()) {
                        a.put("unit", info.timeUnit() != null ? info.timeUnit() : "ms");
                    }
                }
                m.put("valueType", a);
            }
            if (anyDeprecated(kh) || rawLine.toUpperCase(Locale.ROOT).contains("DEPRECATED")) {
                m.put("deprecated", true);
            }
            if (kh.isEmpty()) {
                m.put("documented", false);
            }
            return m;
        }

        // --- actions --------------------------------------------------------------------------

        void actions() {
            Map<String, String> registered = new TreeMap<>();
            Pattern reg = Pattern.compile("\\b(\\w+_register)\\s*,?\\s*\\(?\\s*&\\s*(\\w+)\\s*\\)");
            Map<Src, Map<String, String>> bySrc = new HashMap<>();
            for (Src s : sources) {
                Matcher m = reg.matcher(s.code());
                while (m.find()) {
                    bySrc.computeIfAbsent(s, k -> new HashMap<>()).put(m.group(2), m.group(1));
                }
                Matcher m2 = Pattern.compile("INITCALL1\\s*\\(\\s*STG_REGISTER\\s*,\\s*(\\w+)\\s*,\\s*&\\s*(\\w+)\\s*\\)").matcher(s.code());
                while (m2.find()) {
                    bySrc.computeIfAbsent(s, k -> new HashMap<>()).put(m2.group(2), m2.group(1));
                }
            }
            Map<String, Boolean> finals = finality();
            for (Table t : tables("action_kw_list")) {
                String fnName = bySrc.getOrDefault(t.src(), Map.of()).get(t.var());
                if (fnName == null) {
                    continue;
                }
                String ruleSet = ACTION_REGISTRARS.get(fnName);
                boolean service = fnName.equals("service_keywords_register");
                if (ruleSet == null && !service) {
                    continue;
                }
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null) {
                        continue;
                    }
                    if (service) {
                        model.services.put(kw, new LinkedHashMap<>());
                        continue;
                    }
                    Map<String, Object> a = action(kw, ruleSet, finals);
                    if (e.size() > 2 && e.get(2).contains("KWF_MATCH_PREFIX")) {
                        a.put("prefix", true);
                    }
                    if (rawLineOf(t, kw).toUpperCase(Locale.ROOT).contains("DEPRECATED")) {
                        a.put("deprecated", true);
                    }
                    model.actions.computeIfAbsent(ruleSet, k -> new TreeMap<>()).putIfAbsent(kw, a);
                }
            }
            // actions parsed inline by the tcp rule parsers
            inlineTcpActions("tcp_parse_request_rule", List.of("tcp-request connection", "tcp-request session",
                    "tcp-request content"), finals);
            inlineTcpActions("tcp_parse_response_rule", List.of("tcp-response content"), finals);
        }

        void inlineTcpActions(String fnName, List<String> ruleSets, Map<String, Boolean> finals) {
            Func f = fn(fnName);
            if (f == null) {
                return;
            }
            Matcher m = STRCMP.matcher(f.src().code());
            m.region(f.bodyStart(), f.bodyEnd());
            List<Object[]> found = new ArrayList<>();
            while (m.find()) {
                if (!"arg".equals(m.group(2)) || m.group(1) != null || !"==".equals(m.group(6))) {
                    continue;
                }
                found.add(new Object[] {m.group(4), m.start()});
            }
            Matcher pm = Pattern.compile("strncmp\\s*\\(\\s*args\\[arg\\]\\s*,\\s*\"([^\"]+)\"").matcher(f.src().code());
            pm.region(f.bodyStart(), f.bodyEnd());
            while (pm.find()) {
                found.add(new Object[] {pm.group(1) + "*", pm.start()});
            }
            for (Object[] o : found) {
                String kw = (String) o[0];
                boolean prefix = kw.endsWith("*");
                kw = prefix ? kw.substring(0, kw.length() - 1) : kw;
                if (Set.of("if", "unless", "len", "table", "layer4", "id").contains(kw)) {
                    continue;
                }
                Block b = guardedBlock(f.src(), (Integer) o[1]);
                String code = b == null ? "" : b.text();
                // only the top-level branches of the rule parser name actions
                if (b == null || !isTopLevelBranch(f, b)) {
                    continue;
                }
                for (String rs : ruleSets) {
                    if (code.contains("!(where & SMP_VAL_FE_CON_ACC)") && !rs.endsWith("connection")) {
                        continue;
                    }
                    if (code.contains("!(where & SMP_VAL_FE_REQ_CNT)") && !rs.endsWith("content")) {
                        continue;
                    }
                    if (code.contains("!(where & SMP_VAL_FE_SES_ACC)") && !rs.endsWith("session")) {
                        continue;
                    }
                    Map<String, Object> a = action(kw, rs, finals);
                    if (prefix) {
                        a.put("prefix", true);
                    }
                    model.actions.computeIfAbsent(rs, k -> new TreeMap<>()).putIfAbsent(kw, a);
                }
            }
        }

        /** True when the block's if statement is not nested inside another branch of the function. */
        static boolean isTopLevelBranch(Func f, Block b) {
            String code = f.src().code();
            int depth = 0;
            for (int i = f.bodyStart(); i < b.start(); i++) {
                char c = code.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
            return depth == 1;
        }

        Map<String, Object> action(String kw, String ruleSet, Map<String, Boolean> finals) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("final", finals.getOrDefault(kw, false) || FINAL_ACTIONS_EXTRA.contains(kw));
            List<Heading> hs = new ArrayList<>(headingsFor(doc.headings("Alphabetically sorted actions reference"), kw));
            hs.addAll(headingsFor(doc.headings("Alphabetically sorted keywords reference"), ruleSet + " " + kw));
            List<String> syn = syntaxes(hs);
            if (!syn.isEmpty()) {
                a.put("syntax", syn);
            }
            if (anyDeprecated(hs)) {
                a.put("deprecated", true);
            }
            return a;
        }

        static final Pattern FINAL = Pattern.compile("(?i)(action is final|rule is final|this is final|"
                + "is a final action|final, i\\.e\\.|stops the evaluation|stops evaluation|"
                + "no further (\"[^\"]+\" )?rules? (are|is) evaluated|no further rules)");

        /** Action name -> whether the manual describes it as ending rule processing. */
        Map<String, Boolean> finality() {
            Map<String, Boolean> out = new TreeMap<>();
            List<Heading> hs = new ArrayList<>(doc.headings("Alphabetically sorted actions reference"));
            for (Heading h : doc.headings("Alphabetically sorted keywords reference")) {
                String t = h.text();
                for (String rs : ACTION_REGISTRARS.values()) {
                    if (t.startsWith(rs + " ") && !t.startsWith(rs + " <")) {
                        hs.add(new Heading(t.substring(rs.length() + 1), h.line()));
                    }
                }
            }
            for (Heading h : hs) {
                String name = h.text().split("[\\s(]")[0];
                if (!name.matches("[a-z][a-z0-9_.-]*")) {
                    continue;
                }
                String body = doc.bodyAfter(h.line());
                if (body.length() > 1500) {
                    body = body.substring(0, 1500);
                }
                boolean fin = FINAL.matcher(body).find() && !body.contains("not final");
                out.merge(name, fin, Boolean::logicalOr);
            }
            return out;
        }

        // --- samples --------------------------------------------------------------------------

        void samples() {
            Map<String, Integer> srcBits = enumValues("SMP_SRC_");
            Map<String, Integer> ckpBits = enumValues("SMP_CKP_");
            Map<String, Long> caps = fetchCaps(ckpBits);
            Map<String, Long> valComposites = valComposites(ckpBits);
            for (Table t : tables("sample_fetch_kw_list")) {
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null || e.size() < 6) {
                        continue;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    sampleArgs(m, e.get(2));
                    m.put("output", smpType(e.get(4)));
                    List<String> uses = new ArrayList<>();
                    long val = 0;
                    for (String u : e.get(5).split("\\|")) {
                        String name = u.trim();
                        if (name.startsWith("SMP_SRC_") && srcBits.containsKey(name.substring(8))) {
                            // a source index where a flag was meant: C reads it as a bit mask
                            int mask = srcBits.get(name.substring(8));
                            for (var sb : srcBits.entrySet()) {
                                if ((mask & (1 << sb.getValue())) != 0) {
                                    uses.add(sb.getKey());
                                    val |= caps.getOrDefault(sb.getKey(), 0L);
                                }
                            }
                        }
                        if (name.startsWith("SMP_USE_")) {
                            String src = name.substring(8);
                            uses.add(src);
                            Long c = caps.get(src);
                            if (c != null) {
                                val |= c;
                            } else if (src.equals("HTTP_ANY")) {
                                for (String h : List.of("HRQHV", "HRQHP", "HRQBO", "HRSHV", "HRSHP", "HRSBO")) {
                                    val |= caps.getOrDefault(h, 0L);
                                }
                            }
                        }
                    }
                    if (e.size() > 6 && e.get(6).contains("SMP_VAL_")) {
                        // an explicit validity adds to what the sources give (sample_register_fetches)
                        for (String v : e.get(6).split("\\|")) {
                            String name = v.trim().replace("SMP_VAL_", "");
                            Integer bit = ckpBits.get(name);
                            if (bit != null) {
                                val |= 1L << bit;
                            } else {
                                val |= valComposites.getOrDefault(name, 0L);
                            }
                        }
                    }
                    m.put("use", uses);
                    m.put("usableIn", usableIn(val, ckpBits));
                    model.fetches.putIfAbsent(kw, m);
                }
            }
            for (Table t : tables("sample_conv_kw_list")) {
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null || e.size() < 6) {
                        continue;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    sampleArgs(m, e.get(2));
                    m.put("input", smpType(e.get(4)));
                    m.put("output", smpType(e.get(5)));
                    model.converters.putIfAbsent(kw, m);
                }
            }
        }

        static String smpType(String expr) {
            return expr.trim().replace("SMP_T_", "").toLowerCase(Locale.ROOT);
        }

        static final Pattern ARGM = Pattern.compile("ARG(\\d+)\\s*\\(\\s*(\\d+)\\s*((?:,\\s*\\w+\\s*)*)\\)");

        static void sampleArgs(Map<String, Object> m, String mask) {
            Matcher am = ARGM.matcher(mask);
            List<Map<String, Object>> args = new ArrayList<>();
            int min = 0;
            if (am.find()) {
                min = Integer.parseInt(am.group(2));
                String[] types = am.group(3).replaceFirst("^\\s*,", "").split(",");
                for (int i = 0; i < types.length; i++) {
                    String ty = types[i].trim();
                    if (ty.isEmpty()) {
                        continue;
                    }
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("type", ty);
                    if (i >= min) {
                        a.put("optional", true);
                    }
                    args.add(a);
                }
            } else if (!mask.trim().equals("0")) {
                // an unusual mask: arguments unknown, accept any
                m.put("argsUnknown", true);
            }
            m.put("args", args);
            m.put("minArgs", min);
            m.put("maxArgs", args.size());
        }

        Map<String, Integer> enumValues(String prefix) {
            Map<String, Integer> out = new LinkedHashMap<>();
            try {
                String h = git.show(tag, "include/haproxy/sample-t.h");
                if (h == null) {
                    return out;
                }
                String code = C.stripComments(h);
                Matcher m = Pattern.compile("\\b" + prefix + "(\\w+)\\s*(=\\s*0\\s*)?(,?)").matcher(code);
                int i = 0;
                while (m.find()) {
                    if (m.group(1).equals("ENTRIES")) {
                        break;
                    }
                    if (!m.group(3).isEmpty()) {
                        out.putIfAbsent(m.group(1), i++);
                    }
                }
            } catch (IOException ex) {
                throw new RuntimeException(ex);
            }
            return out;
        }

        /** SMP_VAL_REQUEST and SMP_VAL_RESPONSE: unions of checkpoints, from sample-t.h. */
        Map<String, Long> valComposites(Map<String, Integer> ckp) {
            Map<String, Long> out = new TreeMap<>();
            try {
                String h = git.show(tag, "include/haproxy/sample-t.h");
                Matcher m = Pattern.compile("SMP_VAL_(\\w+)\\s*=\\s*((?:SMP_VAL_\\w+\\s*\\|?\\s*)+),")
                        .matcher(h == null ? "" : C.stripComments(h));
                while (m.find()) {
                    long v = 0;
                    for (String part : m.group(2).split("\\|")) {
                        Integer bit = ckp.get(part.trim().replace("SMP_VAL_", ""));
                        if (bit != null) {
                            v |= 1L << bit;
                        }
                    }
                    out.put(m.group(1), v);
                }
            } catch (IOException ex) {
                throw new RuntimeException(ex);
            }
            return out;
        }

        /** fetch_cap[SMP_SRC_x] in sample.c: source name -> bit mask of checkpoints. */
        Map<String, Long> fetchCaps(Map<String, Integer> ckp) {
            Map<String, Long> out = new TreeMap<>();
            for (Src s : sources) {
                if (!s.path().equals("src/sample.c")) {
                    continue;
                }
                Matcher m = Pattern.compile("fetch_cap\\s*\\[\\s*SMP_SRC_ENTRIES\\s*\\]\\s*=\\s*\\{").matcher(s.code());
                if (!m.find()) {
                    continue;
                }
                int open = m.end() - 1;
                String body = s.code().substring(open + 1, C.match(s.code(), open) - 1);
                Matcher e = Pattern.compile("\\[\\s*SMP_SRC_(\\w+)\\s*\\]\\s*=\\s*\\(([^)]*)\\)").matcher(body);
                while (e.find()) {
                    long v = 0;
                    for (String part : e.group(2).split("\\|")) {
                        String p = part.trim().replace("SMP_VAL_", "");
                        Integer bit = ckp.get(p);
                        if (bit != null) {
                            v |= 1L << bit;
                        }
                    }
                    out.put(e.group(1), v);
                }
            }
            return out;
        }

        /** Rule sets and places where a fetch with checkpoint mask {@code val} may be used. */
        static List<String> usableIn(long val, Map<String, Integer> ckp) {
            Map<String, List<String>> where = new LinkedHashMap<>();
            where.put("tcp-request connection", List.of("FE_CON_ACC"));
            where.put("tcp-request session", List.of("FE_SES_ACC"));
            where.put("tcp-request content", List.of("FE_REQ_CNT", "BE_REQ_CNT"));
            where.put("http-request", List.of("FE_HRQ_HDR", "BE_HRQ_HDR"));
            where.put("use_backend", List.of("FE_SET_BCK"));
            where.put("use-server", List.of("BE_SET_SRV"));
            where.put("tcp-response content", List.of("FE_RES_CNT", "BE_RES_CNT"));
            where.put("http-response", List.of("FE_HRS_HDR", "BE_HRS_HDR"));
            where.put("http-after-response", List.of("FE_HRS_HDR", "BE_HRS_HDR"));
            where.put("stick store-response", List.of("BE_STO_RUL"));
            where.put("log", List.of("FE_LOG_END"));
            where.put("tcp-check", List.of("BE_CHK_RUL"));
            where.put("config", List.of("CFG_PARSER"));
            where.put("cli", List.of("CLI_PARSER"));
            List<String> out = new ArrayList<>();
            for (var e : where.entrySet()) {
                for (String c : e.getValue()) {
                    Integer bit = ckp.get(c);
                    if (bit != null && (val & (1L << bit)) != 0) {
                        out.add(e.getKey());
                        break;
                    }
                }
            }
            return out;
        }

        // --- ACLs -----------------------------------------------------------------------------

        void acl() {
            for (Table t : tables("acl_kw_list")) {
                for (List<String> e : t.entries()) {
                    String kw = e.isEmpty() ? null : lit(e.get(0));
                    if (kw == null || e.size() < 3) {
                        continue;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    String fetch = C.literal(e.get(1));
                    m.put("fetch", fetch == null ? kw : fetch);
                    m.put("match", e.get(2).trim().replace("PAT_MATCH_", "").toLowerCase(Locale.ROOT));
                    model.aclKeywords.putIfAbsent(kw, m);
                }
            }
            for (Src s : sources) {
                if (s.path().equals("src/pattern.c")) {
                    Matcher m = Pattern.compile("\\[PAT_MATCH_(\\w+)\\]\\s*=\\s*\"([^\"]+)\"").matcher(s.code());
                    int end = s.code().indexOf("};", Math.max(0, s.code().indexOf("pat_match_names")));
                    while (m.find() && m.start() < end) {
                        model.matchMethods.put(m.group(2), new LinkedHashMap<>());
                    }
                }
                if (s.path().equals("src/acl.c")) {
                    Func f = fn("parse_acl_expr");
                    if (f != null) {
                        Matcher m = Pattern.compile("strcmp\\s*\\(\\s*\\*args\\s*,\\s*\"(-[^\"]*)\"").matcher(f.body());
                        while (m.find()) {
                            Map<String, Object> flag = new LinkedHashMap<>();
                            flag.put("takesValue", Set.of("-f", "-m", "-M").contains(m.group(1)));
                            model.aclFlags.put(m.group(1), flag);
                        }
                    }
                    Matcher d = Pattern.compile("\\.name\\s*=\\s*\"([A-Z0-9_.]+)\"\\s*,\\s*\\.expr\\s*=\\s*\\{\\s*\"([^\"]+)\"").matcher(s.code());
                    while (d.find()) {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("fetch", d.group(2));
                        model.predefinedAcls.put(d.group(1), p);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Merging versions into ranges

    static final class Merger {
        static List<String> versions;

        static Map<String, Object> merge(Map<String, VersionModel> models) {
            versions = new ArrayList<>(models.keySet());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schemaVersion", 1);
            out.put("source", "generated by tools/catalog/Gen.java from HAProxy's repository (keyword tables and"
                    + " parsers in src/ and addons/, keyword matrix and headings of doc/configuration.txt)");
            out.put("tags", List.of(TAGS));
            out.put("versions", versions);
            out.put("sectionTypes", sectionTypes(models));
            out.put("sections", nested2(models, m -> m.sections));
            out.put("removed", nested2(models, m -> m.removed));
            out.put("bindOptions", flat(models, m -> m.bind));
            out.put("serverOptions", flat(models, m -> m.server));
            out.put("actions", nested2(models, m -> m.actions));
            out.put("services", flat(models, m -> m.services));
            out.put("fetches", flat(models, m -> m.fetches));
            out.put("converters", flat(models, m -> m.converters));
            Map<String, Object> acl = new LinkedHashMap<>();
            acl.put("flags", flat(models, m -> m.aclFlags));
            acl.put("matchMethods", flat(models, m -> m.matchMethods));
            acl.put("keywords", flat(models, m -> m.aclKeywords));
            acl.put("predefined", flat(models, m -> m.predefinedAcls));
            out.put("acl", acl);
            return out;
        }

        static Map<String, Object> sectionTypes(Map<String, VersionModel> models) {
            Map<String, List<String>> present = new TreeMap<>();
            for (var e : models.entrySet()) {
                for (String s : e.getValue().sections.keySet()) {
                    present.computeIfAbsent(s, k -> new ArrayList<>()).add(e.getKey());
                }
            }
            Map<String, Object> out = new TreeMap<>();
            for (var e : present.entrySet()) {
                out.put(e.getKey(), ranges(e.getValue()));
            }
            return out;
        }

        interface Getter<T> {
            T get(VersionModel m);
        }

        static Map<String, Object> nested2(Map<String, VersionModel> models,
                Getter<Map<String, Map<String, Map<String, Object>>>> g) {
            Set<String> groups = new TreeSet<>();
            for (VersionModel m : models.values()) {
                groups.addAll(g.get(m).keySet());
            }
            Map<String, Object> out = new TreeMap<>();
            for (String grp : groups) {
                out.put(grp, flat(models, m -> g.get(m).getOrDefault(grp, Map.of())));
            }
            return out;
        }

        static Map<String, Object> flat(Map<String, VersionModel> models, Getter<Map<String, Map<String, Object>>> g) {
            Set<String> keys = new TreeSet<>();
            for (VersionModel m : models.values()) {
                keys.addAll(g.get(m).keySet());
            }
            Map<String, Object> out = new TreeMap<>();
            for (String k : keys) {
                List<String> present = new ArrayList<>();
                List<Map<String, Object>> variants = new ArrayList<>();
                String lastJson = null;
                for (var e : models.entrySet()) {
                    Map<String, Object> v = g.get(e.getValue()).get(k);
                    if (v == null) {
                        lastJson = null;
                        continue;
                    }
                    present.add(e.getKey());
                    String json = Json.write(v);
                    if (json.equals(lastJson)) {
                        variants.get(variants.size() - 1).put("last", e.getKey());
                    } else {
                        Map<String, Object> var = new LinkedHashMap<>();
                        var.put("since", e.getKey());
                        var.put("last", e.getKey());
                        var.putAll(v);
                        variants.add(var);
                    }
                    lastJson = json;
                }
                String newest = versions.get(versions.size() - 1);
                for (Map<String, Object> var : variants) {
                    if (newest.equals(var.get("last"))) {
                        var.put("last", null);
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("since", present.get(0));
                String last = present.get(present.size() - 1);
                entry.put("last", last.equals(newest) ? null : last);
                Object dep = deprecatedSince(variants);
                if (dep != null) {
                    entry.put("deprecatedSince", dep);
                }
                entry.put("variants", variants);
                out.put(k, entry);
            }
            return out;
        }

        static String deprecatedSince(List<Map<String, Object>> variants) {
            for (Map<String, Object> v : variants) {
                if (Boolean.TRUE.equals(v.get("deprecated"))) {
                    return (String) v.get("since");
                }
            }
            return null;
        }

        static List<Map<String, Object>> ranges(List<String> present) {
            List<Map<String, Object>> out = new ArrayList<>();
            String newest = versions.get(versions.size() - 1);
            Map<String, Object> cur = null;
            int prevIdx = -2;
            for (String v : present) {
                int idx = versions.indexOf(v);
                if (cur != null && idx == prevIdx + 1) {
                    cur.put("last", v);
                } else {
                    cur = new LinkedHashMap<>();
                    cur.put("since", v);
                    cur.put("last", v);
                    out.add(cur);
                }
                prevIdx = idx;
            }
            for (Map<String, Object> r : out) {
                if (newest.equals(r.get("last"))) {
                    r.put("last", null);
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Deterministic JSON writer: objects whose values are all scalars or scalar lists go on one line

    static final class Json {
        static String write(Object o) {
            StringBuilder sb = new StringBuilder();
            write(sb, o, 0);
            sb.append('\n');
            return sb.toString();
        }

        static void write(StringBuilder sb, Object o, int indent) {
            if (o == null) {
                sb.append("null");
            } else if (o instanceof String s) {
                string(sb, s);
            } else if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else if (o instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                boolean flat = m.values().stream().allMatch(Json::isFlat) && oneLineLength(m) < 160;
                if (flat) {
                    sb.append('{');
                    boolean first = true;
                    for (var e : m.entrySet()) {
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        string(sb, e.getKey().toString());
                        sb.append(": ");
                        write(sb, e.getValue(), indent);
                    }
                    sb.append('}');
                    return;
                }
                sb.append("{\n");
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        sb.append(",\n");
                    }
                    first = false;
                    sb.append("  ".repeat(indent + 1));
                    string(sb, e.getKey().toString());
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 1);
                }
                sb.append('\n').append("  ".repeat(indent)).append('}');
            } else if (o instanceof Collection<?> c) {
                if (c.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                boolean scalars = c.stream().allMatch(x -> x == null || x instanceof String || x instanceof Number
                        || x instanceof Boolean);
                if (scalars) {
                    sb.append('[');
                    boolean first = true;
                    for (Object x : c) {
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        write(sb, x, indent);
                    }
                    sb.append(']');
                    return;
                }
                sb.append("[\n");
                boolean first = true;
                for (Object x : c) {
                    if (!first) {
                        sb.append(",\n");
                    }
                    first = false;
                    sb.append("  ".repeat(indent + 1));
                    write(sb, x, indent + 1);
                }
                sb.append('\n').append("  ".repeat(indent)).append(']');
            } else {
                throw new IllegalArgumentException("not JSON: " + o.getClass());
            }
        }

        static boolean isFlat(Object o) {
            if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
                return true;
            }
            if (o instanceof Collection<?> c) {
                return c.stream().allMatch(x -> x == null || x instanceof String || x instanceof Number || x instanceof Boolean);
            }
            return false;
        }

        static int oneLineLength(Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            for (var e : m.entrySet()) {
                sb.append(e.getKey()).append(e.getValue());
            }
            return sb.length() + 6 * m.size();
        }

        static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
