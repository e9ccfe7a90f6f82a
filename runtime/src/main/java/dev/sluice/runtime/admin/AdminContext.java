package dev.sluice.runtime.admin;

import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.ReloadResult;
import dev.sluice.runtime.ReloadStatus;
import dev.sluice.runtime.Reloader;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the runtime API acts on: the proxy (its plan, its live state and counters), its reloads,
 * the stick tables, and what {@code show info} and {@code show version} say about the process.
 *
 * @param proxy the running proxy
 * @param reloads reloads the {@code reload} command runs; {@link Reloads#NONE} without any
 * @param tables the stick tables
 * @param version Sluice's version
 * @param started when the process started
 */
public record AdminContext(ProxyServer proxy, Reloads reloads, StickTableView tables, String version,
        Instant started) {

    public AdminContext {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(reloads, "reloads");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(started, "started");
    }

    /** Reloads of the proxy: the ones a signal triggers too, one at a time. */
    public interface Reloads {

        /** Reloads the configuration; completes with the outcome (never exceptionally but when the proxy stops). */
        CompletableFuture<ReloadResult> reload();

        /** The reload figures so far. */
        ReloadStatus status();

        /** Reloads by {@code reloader} from {@code source}: the same reload as the signals'. */
        static Reloads of(Reloader reloader, Reloader.Source source) {
            return new Reloads() {
                @Override
                public CompletableFuture<ReloadResult> reload() {
                    return reloader.reload(source);
                }

                @Override
                public ReloadStatus status() {
                    return reloader.status();
                }
            };
        }

        /** A proxy that cannot reload. */
        Reloads NONE = new Reloads() {
            @Override
            public CompletableFuture<ReloadResult> reload() {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "this proxy has no configuration to read again"));
            }

            @Override
            public ReloadStatus status() {
                return ReloadStatus.NONE;
            }
        };
    }
}
