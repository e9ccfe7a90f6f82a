package dev.sluice.cli.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * For every line of a rendered text, the template line that produced it. A line that only an
 * expression wrote (a value holding several lines) belongs to the template line the expression
 * sits on.
 */
public final class LineMap {

    private final List<Origin> origins;

    /** {@code origins.get(i)} is where rendered line {@code i + 1} came from, null when unknown. */
    public LineMap(List<Origin> origins) {
        this.origins = Collections.unmodifiableList(new ArrayList<>(origins));
    }

    /** Where the 1-based rendered {@code line} came from; empty for a line the map does not know. */
    public Optional<Origin> origin(int line) {
        if (line < 1 || line > origins.size()) {
            return Optional.empty();
        }
        return Optional.ofNullable(origins.get(line - 1));
    }

    /** How many rendered lines the map covers. */
    public int lines() {
        return origins.size();
    }
}
