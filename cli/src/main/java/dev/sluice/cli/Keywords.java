package dev.sluice.cli;

import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.grammar.HaproxyVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The keyword catalog the checker uses for a target version. */
final class Keywords {

    private Keywords() {}

    static KeywordOracle forVersion(HaproxyVersion version) {
        return CatalogOracle.forVersion(version);
    }

    /**
     * Starts loading the catalog for {@code version} on a thread of its own, which does not keep
     * the JVM alive, and returns what waits for it: a check reads its files meanwhile.
     */
    static Supplier<KeywordOracle> inBackground(HaproxyVersion version) {
        CompletableFuture<KeywordOracle> future = CompletableFuture.supplyAsync(() -> forVersion(version), task -> {
            Thread t = new Thread(task, "sluice-catalog");
            t.setDaemon(true);
            t.start();
        });
        return () -> {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw e;
            }
        };
    }
}
