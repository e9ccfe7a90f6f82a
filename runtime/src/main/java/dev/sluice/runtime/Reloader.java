package dev.sluice.runtime;

import dev.sluice.compiler.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reloads the proxy inside its process by swapping the plan, on a thread of its own (never an
 * event loop), one reload at a time:
 *
 * <ol>
 *   <li>the {@link Source} reads, checks and compiles the new configuration;
 *   <li>the addresses it binds that are not bound yet open, without accepting
 *       ({@link ProxyServer#stage});
 *   <li>the plan is prepared with the same server-state and stick-table registries, so that
 *       servers still in the plan keep their state, weights and counters, and tables their entries;
 *       the {@link Participant}s (the runtime API's sockets) prepare for it too;
 *   <li>the plan goes into force in one atomic swap of the {@link PlanHolder}, and the new
 *       listeners accept, the ones no longer bound close and their connections drain, the limits
 *       and health checks follow the new plan ({@link ProxyServer#commit}).
 * </ol>
 *
 * <p>A failure before the swap (a configuration error, an address that cannot be bound, a server
 * name that does not resolve) rejects the reload: the listeners opened for it close, and the plan
 * in force stays. Requests already running keep the plan they started with; the next request of
 * a keep-alive connection takes the new one.
 *
 * <p>Requests for a reload while one runs wait for it; requests from the same source that are
 * waiting together are served by one reload.
 */
public final class Reloader implements AutoCloseable {

    /** Reads, checks and compiles the new configuration; runs on the reloader's thread. */
    @FunctionalInterface
    public interface Source {

        /** The plan to run, or {@link Rejected} with why not. */
        Loaded load() throws Rejected;
    }

    /**
     * A plan to run.
     *
     * @param diagnostics the warnings reading it reported, as lines ready for the log
     * @param located turns the runtime's refusal of the plan (a sample fetch it cannot run) into the
     *     reason a rejected reload gives, naming the configuration line it is about where it can
     */
    public record Loaded(Plan plan, List<String> diagnostics, UnaryOperator<String> located) {

        public Loaded {
            Objects.requireNonNull(plan, "plan");
            diagnostics = List.copyOf(diagnostics);
            Objects.requireNonNull(located, "located");
        }

        /** A plan whose refusals are given as the runtime words them. */
        public Loaded(Plan plan, List<String> diagnostics) {
            this(plan, diagnostics, UnaryOperator.identity());
        }
    }

    /** The new configuration cannot run: the reason, and the diagnostics that tell why. */
    public static final class Rejected extends Exception {

        private static final long serialVersionUID = 1L;

        private final List<String> diagnostics;

        /**
         * @param message one line: why
         * @param diagnostics what reading the configuration reported, as lines ready for the log
         */
        public Rejected(String message, List<String> diagnostics) {
            super(message);
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<String> diagnostics() {
            return diagnostics;
        }
    }

    /**
     * Something besides the proxy's listeners that follows the plan through reloads (the runtime
     * API's sockets): prepared before the swap, where a failure rejects the reload, then
     * committed or aborted.
     */
    @FunctionalInterface
    public interface Participant {

        /**
         * Prepares for {@code next}: may open what it needs (new sockets), which
         * {@link Staged#abort()} closes again; changes what is in use only at {@link Staged#commit()}.
         */
        Staged stage(Plan next) throws RuntimeSetupException;
    }

    /** A participant's part of a reload, prepared. */
    public interface Staged {

        /** The new plan is in force. */
        void commit();

        /** The reload is rejected: undo the preparation. */
        void abort();
    }

    private final ProxyServer proxy;
    private final Path base;
    private final List<Participant> participants = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Consumer<ReloadResult> onDone;
    private final ExecutorService thread;
    private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.NONE);

    // guarded by this
    private final Map<Source, CompletableFuture<ReloadResult>> waiting = new HashMap<>();
    private long numbers;

    /**
     * Reloads {@code proxy}, relative file names (error pages, maps) from {@code base};
     * {@code onDone} hears every result, on the reloader's thread, before the caller does.
     */
    public Reloader(ProxyServer proxy, Path base, Consumer<ReloadResult> onDone) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.base = Objects.requireNonNull(base, "base");
        this.onDone = Objects.requireNonNull(onDone, "onDone");
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sluice-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reloads from {@code source} after the reloads already asked for; a request from the same
     * source that has not started yet is shared.
     */
    public CompletableFuture<ReloadResult> reload(Source source) {
        Objects.requireNonNull(source, "source");
        synchronized (this) {
            CompletableFuture<ReloadResult> queued = waiting.get(source);
            if (queued != null) {
                return queued;
            }
            CompletableFuture<ReloadResult> future = new CompletableFuture<>();
            waiting.put(source, future);
            try {
                thread.execute(() -> {
                    synchronized (this) {
                        waiting.remove(source);
                    }
                    ReloadResult r = run(source);
                    try {
                        onDone.accept(r);
                    } finally {
                        future.complete(r);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                waiting.remove(source);
                future.completeExceptionally(new IllegalStateException("the reloader is closed"));
            }
            return future;
        }
    }

    /** Makes {@code p} follow the reloads from now on. */
    public void add(Participant p) {
        participants.add(Objects.requireNonNull(p, "p"));
    }

    /** The reload figures: count, rejections, the last reload. */
    public ReloadStatus status() {
        return status.get();
    }

    private ReloadResult run(Source source) {
        long number;
        synchronized (this) {
            number = ++numbers;
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ReloadResult r;
        List<String> diagnostics = List.of();
        try {
            Loaded loaded = source.load();
            diagnostics = loaded.diagnostics();
            String changed = apply(loaded);
            r = new ReloadResult(number, ReloadResult.Outcome.DONE, started, since(t0), changed, diagnostics);
        } catch (Rejected e) {
            r = new ReloadResult(number, ReloadResult.Outcome.REJECTED, started, since(t0), e.getMessage(),
                    e.diagnostics());
        } catch (RuntimeSetupException e) {
            r = new ReloadResult(number, ReloadResult.Outcome.REJECTED, started, since(t0), e.getMessage(),
                    diagnostics);
        } catch (RuntimeException | Error e) {
            r = new ReloadResult(number, ReloadResult.Outcome.REJECTED, started, since(t0),
                    "internal error: " + e, diagnostics);
        }
        ReloadResult result = r;
        status.updateAndGet(s -> s.after(result));
        return result;
    }

    /** Puts {@code loaded}'s plan in force; what changed, in a line. */
    private String apply(Loaded loaded) throws RuntimeSetupException {
        Plan plan = loaded.plan();
        PlanHolder holder = proxy.holder();
        ProxyServer.ListenerChange change = proxy.stage(plan);
        RuntimePlan next;
        List<Staged> staged = new java.util.ArrayList<>();
        try {
            next = prepare(loaded, holder);
            for (Participant p : participants) {
                staged.add(p.stage(plan));
            }
        } catch (RuntimeSetupException | RuntimeException e) {
            staged.forEach(Staged::abort);
            change.abort();
            throw e;
        }
        proxy.route(change, next);
        holder.swap(next);
        proxy.commit(change, next);
        staged.forEach(Staged::commit);
        return "listeners: " + change.openedCount() + " opened, " + change.closedCount() + " closed, "
                + change.keptCount() + " kept";
    }

    /** The runtime's form of the plan, keeping the state of the servers and tables still in it. */
    private RuntimePlan prepare(Loaded loaded, PlanHolder holder) throws RuntimeSetupException {
        try {
            return RuntimePlan.prepare(loaded.plan(), base, holder.current().states(), holder.current().stickTables());
        } catch (RuntimeSetupException e) {
            throw new RuntimeSetupException(loaded.located().apply(e.getMessage()), e);
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Refuses new reloads; the one running finishes (for at most a few seconds). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
