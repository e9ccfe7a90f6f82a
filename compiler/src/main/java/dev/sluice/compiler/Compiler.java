package dev.sluice.compiler;

import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.PlanCompiler;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ast.Config;

/**
 * {@code sluice compile}: turns a parsed configuration into the immutable {@link Plan} the runtime
 * loads. It expects a configuration that {@code sluice -c} accepts; what it cannot compile is a
 * {@link CompileException} naming the line.
 */
public final class Compiler {

    private Compiler() {}

    /**
     * Compiles {@code config} as HAProxy {@code version} reads it.
     *
     * @throws CompileException with the file and line of the directive it cannot compile
     */
    public static Plan compile(Config config, HaproxyVersion version) throws CompileException {
        return PlanCompiler.compile(config, version);
    }
}
