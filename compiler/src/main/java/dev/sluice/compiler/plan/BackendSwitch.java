package dev.sluice.compiler.plan;

/**
 * A {@code use_backend} rule. Exactly one of {@code backend} and {@code dynamic} is set.
 *
 * @param backend the backend's name when it is static (it exists: the compiler checked)
 * @param dynamic the name as a log-format string evaluated per request, when it is one
 * @param condition the condition, or null
 */
public record BackendSwitch(String backend, Format dynamic, Condition condition) {

    public BackendSwitch {
        if ((backend == null) == (dynamic == null)) {
            throw new IllegalArgumentException("a backend switch has either a static name or a dynamic one");
        }
    }
}
