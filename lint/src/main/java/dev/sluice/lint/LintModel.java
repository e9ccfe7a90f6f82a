package dev.sluice.lint;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration indexed for rules: proxies with the defaults they inherit and their compiled
 * form, the global section, and the other sections by type.
 */
public final class LintModel {

    private final List<ProxyView> proxies = new ArrayList<>();
    private final Map<String, ProxyView> frontends = new LinkedHashMap<>();
    private final Map<String, ProxyView> backends = new LinkedHashMap<>();
    private final Map<String, List<Section>> byType = new LinkedHashMap<>();

    LintModel(Config config, Optional<Plan> plan) {
        Map<String, Frontend> compiledFrontends = new HashMap<>();
        Map<String, Backend> compiledBackends = new HashMap<>();
        plan.ifPresent(p -> {
            p.frontends().forEach(f -> compiledFrontends.put(f.name(), f));
            p.backends().forEach(b -> compiledBackends.put(b.name(), b));
        });
        Map<String, List<Section>> namedDefaults = new HashMap<>();
        List<Section> lastDefaults = List.of();
        for (Section s : (Iterable<Section>) config.sections()::iterator) {
            byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s);
            List<String> h = s.header().stream().map(w -> w.value()).toList();
            switch (s.type()) {
                case "defaults" -> {
                    boolean anonymousFrom = h.size() >= 3 && h.get(1).equals("from");
                    String name = anonymousFrom || h.size() < 2 ? "" : h.get(1);
                    String from = anonymousFrom ? h.get(2) : h.size() >= 4 && h.get(2).equals("from") ? h.get(3) : null;
                    List<Section> chain = new ArrayList<>();
                    chain.add(s);
                    if (from != null) {
                        chain.addAll(namedDefaults.getOrDefault(from, List.of()));
                    }
                    lastDefaults = List.copyOf(chain);
                    if (!name.isEmpty()) {
                        namedDefaults.put(name, lastDefaults);
                    }
                }
                case "frontend", "backend", "listen" -> {
                    if (h.size() < 2) {
                        continue;
                    }
                    String name = h.get(1);
                    List<Section> chain = h.size() >= 4 && h.get(2).equals("from")
                            ? namedDefaults.getOrDefault(h.get(3), List.of())
                            : lastDefaults;
                    boolean fe = !s.type().equals("backend");
                    boolean be = !s.type().equals("frontend");
                    ProxyView view = new ProxyView(s, name, chain,
                            Optional.ofNullable(fe ? compiledFrontends.get(name) : null),
                            Optional.ofNullable(be ? compiledBackends.get(name) : null));
                    proxies.add(view);
                    if (fe) {
                        frontends.putIfAbsent(name, view);
                    }
                    if (be) {
                        backends.putIfAbsent(name, view);
                    }
                }
                default -> { }
            }
        }
    }

    /** Every frontend, backend and listen section, in file order. */
    public List<ProxyView> proxies() {
        return proxies;
    }

    /** The {@code frontend} and {@code listen} sections. */
    public List<ProxyView> frontends() {
        return List.copyOf(frontends.values());
    }

    /** The {@code backend} and {@code listen} sections. */
    public List<ProxyView> backends() {
        return List.copyOf(backends.values());
    }

    /**
     * The {@code backend} and {@code listen} sections that compiled and are not disabled: the
     * ones whose {@link ProxyView#backend()} rules can read.
     */
    public List<ProxyView> compiledBackends() {
        return backends.values().stream()
                .filter(p -> p.backend().isPresent() && !p.backend().get().disabled())
                .toList();
    }

    public Optional<ProxyView> frontend(String name) {
        return Optional.ofNullable(frontends.get(name));
    }

    public Optional<ProxyView> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    /** The sections of one type ({@code global}, {@code userlist}, {@code defaults}, ...), in file order. */
    public List<Section> sections(String type) {
        return byType.getOrDefault(type, List.of());
    }

    /** The lines of every {@code global} section that start with {@code words}. */
    public List<Directive> global(String... words) {
        List<Directive> found = new ArrayList<>();
        for (Section g : sections("global")) {
            found.addAll(ProxyView.matching(g, words));
        }
        return found;
    }
}
