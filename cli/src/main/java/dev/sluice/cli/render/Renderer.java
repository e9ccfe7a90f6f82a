package dev.sluice.cli.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.AutoCloseableSupplier.AutoCloseableImpl;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.loader.ResourceLocator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a Jinja template with Jinjava as Ansible's template module would ({@code trim_blocks}
 * on, {@code lstrip_blocks} off, the trailing newline kept, a first line {@code #jinja2: ...}
 * changing these), with Sluice's {@link Filters}, includes and imports found beside the template,
 * the environment as {@code env}, and every output line traced to the template line that wrote it.
 *
 * <p>Strict by default: an undefined variable or a missing key is an error unless the expression
 * guards against it (see {@link RenderSession}). Errors name the template file and line.
 */
public final class Renderer {

    /**
     * How to render.
     *
     * @param strict undefined values are errors; when false they render as nothing
     * @param environment what {@code env.NAME} reads (a values file's own {@code env} wins)
     */
    public record Options(boolean strict, Map<String, String> environment) {

        public Options {
            environment = Map.copyOf(environment);
        }
    }

    private static final String OVERRIDE = "#jinja2:";
    private static final String MAIN = "\u0000main";

    private final Options options;

    public Renderer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Renders {@code template} with {@code values}.
     *
     * @throws IOException when the template itself cannot be read
     */
    public Rendering render(Path template, Map<String, Object> values) throws IOException {
        String source = Files.readString(template, StandardCharsets.UTF_8);
        String display = template.toString();
        RenderSession session = new RenderSession(options.strict());

        Settings settings = Settings.ANSIBLE;
        int offset = 0;
        if (source.startsWith(OVERRIDE)) {
            int eol = source.indexOf('\n');
            String line = source.substring(OVERRIDE.length(), eol < 0 ? source.length() : eol);
            source = eol < 0 ? "" : source.substring(eol + 1);
            offset = 1;
            session.file(MAIN, display, offset);
            settings = Settings.ANSIBLE.with(line, display, session);
        } else {
            session.file(MAIN, display, 0);
        }
        boolean trimBlocks = settings.trimBlocks();

        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withCharset(StandardCharsets.UTF_8)
                .withTrimBlocks(false) // done by MarkedTemplate, keeping Jinjava's line numbers right
                .withLstripBlocks(settings.lstripBlocks())
                .withKeepTrailingNewline(settings.keepTrailingNewline())
                .withElResolver(MissingKeyResolver.create())
                .withInterperterFactory(RenderInterpreter.factory(session))
                .build();
        Jinjava jinjava = new Jinjava(config);
        for (Filter f : Filters.all()) {
            jinjava.registerFilter(f);
        }
        for (Filter f : jinjava.getGlobalContext().getAllFilters()) {
            jinjava.registerFilter(Filters.withoutMarkers(f));
        }
        session.knownFilters(jinjava.getGlobalContext().getAllFilters().stream()
                .map(Filter::getName).collect(Collectors.toSet()));
        Path folder = template.toAbsolutePath().getParent();
        jinjava.setResourceLocator(new Locator(folder, template.getParent(), session, trimBlocks));

        MarkedTemplate marked = MarkedTemplate.of(source, 0, 1 + offset, trimBlocks);
        session.check(0, marked);

        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("env", new LinkedHashMap<>(options.environment()));
        bindings.putAll(values);

        String output = "";
        if (!session.errors().stream().anyMatch(e -> !e.warning())) {
            Context context = new Context(jinjava.getGlobalContextCopy(), bindings, config.getDisabled());
            RenderInterpreter interpreter = new RenderInterpreter(jinjava, context, config, session);
            try (AutoCloseableImpl<JinjavaInterpreter> current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
                output = current.value().render(marked.text());
            } catch (RuntimeException e) {
                // reported where it was thrown, unless it came before the first template node
                session.exception(e, Optional.empty(), RenderInterpreter.lineOf(e, 0));
            }
        }
        MarkedTemplate.Stripped stripped = MarkedTemplate.strip(output, session.files());
        return new Rendering(stripped.text(), stripped.lineMap(), session.errors());
    }

    /** Jinja's whitespace settings: Ansible's, unless a first line {@code #jinja2: ...} changes them. */
    private record Settings(boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline) {

        static final Settings ANSIBLE = new Settings(true, false, true);

        /** These settings changed by the pairs of a {@code #jinja2:} line, {@code key: True, ...}. */
        Settings with(String line, String file, RenderSession session) {
            Settings s = this;
            for (String pair : line.split(",")) {
                int colon = pair.indexOf(':');
                String key = colon < 0 ? pair.strip() : pair.substring(0, colon).strip();
                String value = colon < 0 ? "" : pair.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                if (!value.equals("true") && !value.equals("false")
                        || !List.of("trim_blocks", "lstrip_blocks", "keep_trailing_newline").contains(key)) {
                    session.add(new RenderError(file, 1, "#jinja2: '" + pair.strip() + "' is not supported"
                            + " (trim_blocks, lstrip_blocks and keep_trailing_newline are, as True or False)", false));
                    continue;
                }
                boolean on = value.equals("true");
                s = switch (key) {
                    case "trim_blocks" -> new Settings(on, s.lstripBlocks, s.keepTrailingNewline);
                    case "lstrip_blocks" -> new Settings(s.trimBlocks, on, s.keepTrailingNewline);
                    default -> new Settings(s.trimBlocks, s.lstripBlocks, on);
                };
            }
            return s;
        }
    }

    /** Finds includes and imports beside the main template, and marks their lines too. */
    private static final class Locator implements ResourceLocator {

        private final Path folder;
        private final Path displayFolder;
        private final RenderSession session;
        private final boolean trimBlocks;

        Locator(Path folder, Path displayFolder, RenderSession session, boolean trimBlocks) {
            this.folder = folder;
            this.displayFolder = displayFolder;
            this.session = session;
            this.trimBlocks = trimBlocks;
        }

        @Override
        public String getString(String name, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
            Path path = folder.resolve(name).normalize();
            String display = displayFolder == null ? Path.of(name).normalize().toString()
                    : displayFolder.resolve(name).normalize().toString();
            if (!Files.isRegularFile(path)) {
                throw new IOException("template '" + name + "' not found: no file " + display);
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            boolean first = !session.files().contains(display);
            int id = session.file(name, display, 0);
            MarkedTemplate marked = MarkedTemplate.of(text, id, 1, trimBlocks);
            if (first) {
                session.check(id, marked);
            }
            return marked.text();
        }
    }
}
