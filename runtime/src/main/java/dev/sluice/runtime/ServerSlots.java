package dev.sluice.runtime;

import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.RuntimePlan.BackendRuntime;
import dev.sluice.runtime.balance.Acquisition;
import dev.sluice.runtime.balance.BalanceInput;
import dev.sluice.runtime.balance.Pending;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.balance.Slot;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Asks a backend for a server slot from an event loop, and answers on that loop: at once when a
 * server has room (or none can take traffic), later when the request had to queue, with
 * {@code timeout queue} (else {@code timeout connect}) bounding the wait.
 */
public final class ServerSlots {

    private ServerSlots() {
    }

    /** A request waiting in a queue; {@link #cancel()} when its client goes away. */
    public interface Waiting {
        Waiting NONE = () -> { };

        void cancel();
    }

    /**
     * Asks {@code backend} for a slot: on {@code server} itself when it is not null (persistence),
     * else on the server the balancer picks, avoiding {@code avoid}. {@code then} gets a
     * {@link Slot} or a {@link dev.sluice.runtime.balance.Refusal}, on {@code loop}.
     */
    public static Waiting acquire(BackendRuntime backend, ServerState server, BalanceInput input,
            Predicate<? super ServerState> avoid, EventExecutor loop, Consumer<Acquisition> then) {
        Acquisition a = server != null ? backend.state().acquire(server) : backend.state().acquire(input, avoid);
        if (!(a instanceof Pending pending)) {
            then.accept(a);
            return Waiting.NONE;
        }
        Timeouts t = backend.backend().timeouts();
        Long wait = t.queueMs() != null ? t.queueMs() : t.connectMs();
        ScheduledFuture<?> expiry = wait == null ? null
                : loop.schedule(pending::expire, wait, TimeUnit.MILLISECONDS);
        pending.future().whenComplete((granted, error) -> loop.execute(() -> {
            if (expiry != null) {
                expiry.cancel(false);
            }
            then.accept(granted != null ? granted : dev.sluice.runtime.balance.Refusal.CANCELLED);
        }));
        return () -> {
            if (expiry != null) {
                expiry.cancel(false);
            }
            pending.cancel();
        };
    }
}
