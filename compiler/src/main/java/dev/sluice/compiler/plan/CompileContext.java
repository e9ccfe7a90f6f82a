package dev.sluice.compiler.plan;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the readers of sections share while a configuration compiles.
 *
 * @param expressions the compiler of conditions, samples and formats
 * @param lineOptions the splitter of bind and server options
 * @param actions the compiler of rules
 * @param globalLogsSoFar the global log targets read so far, which {@code log global} copies
 */
record CompileContext(Expressions expressions, LineOptions lineOptions, Actions actions,
        Supplier<List<LogTarget>> globalLogsSoFar) {

    List<LogTarget> globalLogs() {
        return globalLogsSoFar.get();
    }
}
