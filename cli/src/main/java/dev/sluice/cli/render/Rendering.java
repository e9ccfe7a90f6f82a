package dev.sluice.cli.render;

import java.util.List;
import java.util.Objects;

/**
 * What rendering a template produced.
 *
 * @param text the rendered text (meaningless when {@link #failed()})
 * @param lineMap where each line of {@code text} came from
 * @param errors errors and warnings, in the order met, each once
 */
public record Rendering(String text, LineMap lineMap, List<RenderError> errors) {

    public Rendering {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lineMap, "lineMap");
        errors = List.copyOf(errors);
    }

    /** True when an error (not only warnings) stopped the rendering. */
    public boolean failed() {
        return errors.stream().anyMatch(e -> !e.warning());
    }
}
