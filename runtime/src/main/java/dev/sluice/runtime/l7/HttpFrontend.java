package dev.sluice.runtime.l7;

import dev.sluice.compiler.plan.AddressHeader;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.ProxyOption;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.runtime.ActivityTimeout;
import dev.sluice.runtime.FrontendName;
import dev.sluice.runtime.LoopClock;
import dev.sluice.runtime.PlanHolder;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimePlan.BackendRuntime;
import dev.sluice.runtime.ServerSlots;
import dev.sluice.runtime.Transport;
import dev.sluice.runtime.TurnFlush;
import dev.sluice.runtime.balance.BalanceInput;
import dev.sluice.runtime.balance.Refusal;
import dev.sluice.runtime.balance.RetryPolicy;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.balance.Slot;
import dev.sluice.runtime.l4.Drain;
import dev.sluice.runtime.l4.Relay;
import dev.sluice.runtime.stats.SessionMeter;
import dev.sluice.runtime.track.Tracking;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to a {@code mode http} frontend, after the HTTP/1.x codec. Requests are
 * served one at a time: each takes the plan in force when its headers arrive and keeps it until
 * its response ends, so a reload never changes a request half-way. Bodies stream both ways
 * (never buffered whole), with backpressure: a side is read only while the other can take the
 * bytes. Server connections are kept alive and pooled per event-loop thread.
 */
public final class HttpFrontend extends ChannelInboundHandlerAdapter {

    /** How long to wait for a server when no {@code timeout connect} is set. */
    static final int DEFAULT_CONNECT_MS = 5_000;

    /** Parts of pipelined requests kept before the client is no longer read. */
    static final int MAX_PIPELINED = 64;

    private final PlanHolder holder;
    private final FrontendName frontendName;
    private final Class<? extends Channel> channelType;
    private final java.util.function.BooleanSupplier stopping;

    private ChannelHandlerContext ctx;
    private Exchange current;
    /**
     * A request's head, held until the next message of the same read: when that is an empty end,
     * the request has no body and goes to the server as one message.
     */
    private HttpRequest head;
    /** Messages of requests the client sent before the one in progress was answered (pipelining). */
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    /** Fires when the wait for the next request may be over ({@link #waitDeadline}). */
    private ScheduledFuture<?> waitTimer;
    /** When the wait for the next request ends ({@link System#nanoTime()}); 0 while none is awaited. */
    private long waitDeadline;
    /** When {@link #waitTimer} fires. */
    private long waitTimerAt;
    /** Whether the request awaited is the connection's first ({@code timeout http-request}: 408). */
    private boolean waitFirst;
    private int served;
    private SessionMeter meter;
    /** The client shut its side: no request comes after those already read. */
    private boolean inputClosed;

    /** {@code frontendName} is looked up in each plan: a reload may rename the frontend and keep the connection. */
    public HttpFrontend(PlanHolder holder, FrontendName frontendName, Class<? extends Channel> channelType,
            java.util.function.BooleanSupplier stopping) {
        this.holder = holder;
        this.frontendName = frontendName;
        this.channelType = channelType;
        this.stopping = stopping;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.meter = SessionMeter.of(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        awaitRequest();
        ctx.fireChannelActive();
    }

    /** Between requests: read, with {@code timeout http-request} (first request) or keep-alive. */
    private void awaitRequest() {
        current = null;
        meter.release();
        Tracking.httpRequestEnded(ctx.channel());
        RuntimePlan now = holder.current();
        Frontend f = now.frontend(frontendName.in(now)).map(RuntimePlan.FrontendRuntime::frontend).orElse(null);
        if (f == null) {
            ctx.close();
            return;
        }
        Timeouts t = f.timeouts();
        Long wait = served > 0 && t.httpKeepAliveMs() != null ? t.httpKeepAliveMs()
                : t.httpRequestMs() != null ? t.httpRequestMs() : t.clientMs();
        if (wait != null && wait > 0) {
            waitFirst = served == 0;
            waitDeadline = LoopClock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
            if (waitTimer != null && waitDeadline - waitTimerAt < 0) {
                // a shorter wait than the one the timer was set for (keep-alive after the first request)
                waitTimer.cancel(false);
                waitTimer = null;
            }
            if (waitTimer == null) {
                waitTimerAt = waitDeadline;
                waitTimer = ctx.executor().schedule(this::waitExpired, wait, TimeUnit.MILLISECONDS);
            }
        } else {
            waitDeadline = 0;
        }
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        drainPipelined();
        if (inputClosed && current == null && pipelined.isEmpty()) {
            ctx.close(); // the client's last request is answered
        }
    }

    /**
     * The wait for the next request is over, unless a request came meanwhile (the timer is not
     * cancelled for each request; it is armed again by the next wait) or the wait was extended.
     */
    private void waitExpired() {
        waitTimer = null;
        if (current != null || waitDeadline == 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = waitDeadline - System.nanoTime();
        if (left > 0) {
            waitTimerAt = waitDeadline;
            waitTimer = ctx.executor().schedule(this::waitExpired, left, TimeUnit.NANOSECONDS);
        } else if (waitFirst) {
            sendError(408);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HttpRequest held = head;
        if (held != null) {
            head = null;
            if (msg instanceof LastHttpContent last && last.content().readableBytes() == 0
                    && last.trailingHeaders().isEmpty() && last.decoderResult().isSuccess()) {
                last.release();
                receive(new DefaultFullHttpRequest(held.protocolVersion(), held.method(), held.uri(),
                        Unpooled.EMPTY_BUFFER, held.headers(), EmptyHttpHeaders.INSTANCE));
                return;
            }
            receive(held);
        }
        if (msg instanceof HttpRequest r && !(msg instanceof HttpContent) && r.decoderResult().isSuccess()) {
            head = r;
            return;
        }
        receive(msg);
    }

    /** Hands a held request head on: its body comes in later reads. */
    private void releaseHead() {
        HttpRequest held = head;
        head = null;
        if (held != null) {
            receive(held);
        }
    }

    private void receive(Object msg) {
        if (!pipelined.isEmpty() || current != null && current.requestDone) {
            // the next request came before this one's answer: it waits its turn
            pipelined.add(msg);
            if (pipelined.size() >= MAX_PIPELINED) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        handle(msg);
    }

    /** Runs the requests that waited for their turn, until one is in progress. */
    private void drainPipelined() {
        while (!pipelined.isEmpty() && (current == null || !current.requestDone) && ctx.channel().isActive()) {
            handle(pipelined.poll());
        }
    }

    private void handle(Object msg) {
        if (msg instanceof FullHttpRequest whole && whole.decoderResult().isSuccess()) {
            // a request without a body, read whole with its head (the decoder's own full
            // messages are the invalid ones)
            begin(whole, true);
        } else if (msg instanceof HttpRequest request) {
            if (begin(request, false) && msg instanceof HttpContent content) {
                requestContent(content.retain());
            }
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpContent content) {
            if (current == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (content.decoderResult().isFailure()) {
                // a body the decoder could not read (a broken chunk): the request goes no further
                content.release();
                if (current.responseStarted) {
                    ctx.close();
                } else {
                    sendError(400);
                }
                return;
            }
            requestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        releaseHead();
        if (current != null && current.server != null) {
            current.server.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && current != null && current.server != null && current.responseStarted) {
            current.server.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            releaseHead();
            inputClosed = true;
            // the client closed its side: between requests, close ours; in the middle of a
            // request, give up; requests read whole are answered, the last one closing
            if (current == null && pipelined.isEmpty()) {
                ctx.close();
            } else if (current != null && !current.requestDone) {
                Exchange e = current;
                current = null;
                e.abort();
                ctx.close();
            } else if (current != null && pipelined.isEmpty()) {
                current.clientKeepAlive = false;
            }
            return;
        }
        if (evt instanceof dev.sluice.runtime.SoftStop) {
            if (current == null) {
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (current != null && current.requestDone && !current.responseStarted) {
                return; // waiting for the server: its own timeout applies
            }
            if (current != null && !current.responseStarted && !current.requestDone) {
                sendError(408);
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        head = null;
        if (waitTimer != null) {
            waitTimer.cancel(false);
        }
        Object m;
        while ((m = pipelined.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        Exchange e = current;
        current = null;
        if (e != null) {
            e.abort();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Starts the exchange of a request; false when it was refused outright. */
    private boolean begin(HttpRequest request, boolean whole) {
        waitDeadline = 0;
        if (current != null) {
            // a request before the previous one ended: not HTTP/1.1
            sendError(400);
            return false;
        }
        if (request.decoderResult().isFailure()) {
            sendError(400);
            return false;
        }
        startExchange(request, whole);
        return true;
    }

    // ---- one request

    /** {@code whole}: the request has no body and has been read to its end. */
    private void startExchange(HttpRequest request, boolean whole) {
        RuntimePlan plan = holder.current();
        Optional<RuntimePlan.FrontendRuntime> found = plan.frontend(frontendName.in(plan));
        if (found.isEmpty()) {
            sendError(503);
            return;
        }
        RuntimePlan.FrontendRuntime fe = found.get();
        Frontend f = fe.frontend();
        meter.request();
        Exchange e = new Exchange(plan, fe, request, new MessageView(ctx.channel(), request, plan.states().processVariables()));
        current = e;
        e.requestDone = whole;
        if (Websocket.requested(request)) {
            if (!Websocket.keyed(request)) {
                sendError(400);
                return;
            }
            e.websocket = true;
        }
        e.clientKeepAlive = HttpUtil.isKeepAlive(request) && !closesAfterResponse(f, null) && !stopping.getAsBoolean()
                && !(inputClosed && pipelined.isEmpty());
        if (!Tracking.httpRequestStarted(ctx.channel(), fe.tcpRules(), e.view)) {
            e.refused = true; // tcp-request content reject: closed without an answer
            close(e);
            return;
        }
        // the frontend's http-request rules, then its redirects
        HttpRules.Outcome answer = runRequestRules(fe.http().requestRules(), fe.http().redirects(), e.view);
        if (answer.ends()) {
            answerLocally(e, answer);
            return;
        }
        Optional<BackendRuntime> backend = fe.route(e.view, name -> plan.backend(name).isPresent())
                .flatMap(plan::backend);
        if (backend.isEmpty()) {
            e.refused = true;
            sendError(503);
            return;
        }
        e.backend = backend.get();
        meter.routed(e.backend.counters());
        if (!e.backend.tcpRules().content(e.view)) {
            e.refused = true;
            close(e);
            return;
        }
        e.clientKeepAlive &= !closesAfterResponse(f, e.backend.backend());
        answer = runRequestRules(e.backend.http().requestRules(), e.backend.http().redirects(), e.view);
        if (answer.ends()) {
            answerLocally(e, answer);
            return;
        }
        ServerState persistent = Persistence.requestedServer(e.backend, e.view);
        e.persistentServer = persistent;
        prepareRequest(e);
        acquire(e, persistent, 0);
    }

    /** Runs rule sets then redirects on the request: the answer, when one of them ends it. */
    private static HttpRules.Outcome runRequestRules(List<HttpRules> sets, HttpRules redirects, MessageView view) {
        for (HttpRules set : sets) {
            HttpRules.Outcome o = set.request(view);
            if (o.ends()) {
                return o;
            }
        }
        return redirects.request(view);
    }

    /**
     * Answers the request without a server (deny, return, redirect): once the request has been
     * read to its end, so that the connection can serve the next one.
     */
    private void answerLocally(Exchange e, HttpRules.Outcome answer) {
        e.local = answer;
        e.refused = true;
        if (e.requestDone) {
            sendLocal(e);
        }
    }

    private void sendLocal(Exchange e) {
        HttpRules.Outcome o = e.local;
        e.local = null;
        current = null;
        answer(e, o, e.view.denied());
    }

    /** Writes a rule's answer {@code o}: its message, its reply, or the proxy's page for its status. */
    private void answer(Exchange e, HttpRules.Outcome o, boolean denied) {
        if (o.answer != null) {
            meter.answered(o.answer.status().code(), denied);
            reply(e, o.answer);
            return;
        }
        Reply page = o.reply != null ? o.reply : ownPage(e, o.ownPage);
        meter.answered(page.status(), denied);
        reply(e, page);
    }

    /**
     * The proxy's own page for {@code status}: the backend's replacement for it, else the
     * frontend's, else the built-in one.
     */
    private Reply ownPage(Exchange e, int status) {
        Optional<Reply> page = Optional.empty();
        if (e != null && e.backend != null) {
            page = e.backend.http().errors().page(status);
        }
        if (page.isEmpty()) {
            RuntimePlan plan = e != null ? e.plan : holder.current();
            page = plan.frontend(frontendName.in(plan)).flatMap(f -> f.http().errors().page(status));
        }
        return page.orElseGet(() -> ErrorResponses.page(status));
    }

    /** Writes {@code page} as {@link #reply(Exchange, FullHttpResponse)} does; a silent one closes the connection. */
    private void reply(Exchange e, Reply page) {
        if (page.silent()) {
            ctx.close();
        } else {
            reply(e, page.response());
        }
    }

    /**
     * Writes the proxy's own {@code answer} to {@code e}'s request (null: none was read whole). The
     * connection then serves the next request when HAProxy's would: the client keeps it alive, the
     * request was read to its end, the proxy is not stopping, and the answer does not end it
     * ({@link Reply#closesAfter}: HAProxy's own 400 and 408 pages, an errorfile saying
     * {@code Connection: close} or giving no length).
     */
    private void reply(Exchange e, FullHttpResponse answer) {
        boolean keepAlive = e != null && e.clientKeepAlive && e.requestDone && !stopping.getAsBoolean()
                && !Reply.closesAfter(answer);
        if (e != null && e.clientHttp10() && keepAlive) {
            answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else if (!keepAlive) {
            answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (keepAlive) {
            served++;
            ctx.writeAndFlush(answer);
            awaitRequest();
        } else {
            ctx.writeAndFlush(answer).addListener(f -> close(e));
        }
    }

    /** {@code option httpclose} on either side closes the client connection after each response. */
    private static boolean closesAfterResponse(Frontend f, Backend b) {
        if (b == null) {
            return enabled(f.options().get("httpclose"));
        }
        return enabled(b.options().get("httpclose"));
    }

    /** {@code option http-server-close} (frontend or backend): a server connection serves one request. */
    private static boolean serverClose(Exchange e) {
        return enabled(e.backend.backend().options().get("http-server-close"))
                || enabled(e.frontend.options().get("http-server-close"));
    }

    private static boolean enabled(ProxyOption o) {
        return o != null && o.enabled();
    }

    /** Hop-by-hop headers out, {@code X-Forwarded-For} in, HTTP/1.1 towards the server. */
    private void prepareRequest(Exchange e) {
        HttpRequest r = e.request;
        HttpHeaders h = r.headers();
        String upgrade = h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                ? h.get(HttpHeaderNames.UPGRADE) : null;
        for (String token : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : token.split(",")) {
                String n = name.trim();
                if (!n.isEmpty() && !n.equalsIgnoreCase("close") && !n.equalsIgnoreCase("keep-alive")
                        && !(upgrade != null && n.equalsIgnoreCase("upgrade"))) {
                    h.remove(n);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
        if (upgrade != null) {
            // a protocol switch (websocket): the server sees the request as the client sent it
            e.upgrade = true;
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            h.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HttpHeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        AddressHeader xff = e.backend.backend().forwardFor() != null ? e.backend.backend().forwardFor()
                : e.frontend.forwardFor();
        if (xff != null) {
            InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
            String ip = client.getAddress().getHostAddress();
            if (!(xff.ifNone() && h.contains(xff.header())) && !Networks.contains(xff.except(), client.getAddress())) {
                h.add(xff.header(), ip);
            }
        }

    }

    /** Gets a server slot (on {@code server} itself for persistence), then connects. */
    private void acquire(Exchange e, ServerState server, int retriesDone) {
        ServerState failed = e.slot != null ? e.slot.server() : null;
        e.releaseSlot();
        e.waiting = ServerSlots.acquire(e.backend, server, e, failed == null ? null : s -> s == failed,
                ctx.executor(), a -> {
                    if (current != e) {
                        if (a instanceof Slot granted) {
                            granted.release();
                        }
                        return;
                    }
                    if (a instanceof Slot granted) {
                        e.slot = granted;
                        connect(e, retriesDone);
                    } else if (a == Refusal.QUEUE_FULL && server != null
                            && e.backend.retryPolicy().redispatchWhenQueueFull()) {
                        acquire(e, null, retriesDone);
                    } else {
                        sendError(503);
                    }
                });
    }

    private void connect(Exchange e, int retriesDone) {
        Backend b = e.backend.backend();
        ServerState server = e.slot.server();
        InetSocketAddress address = e.backend.address(server);
        boolean reuse = !"never".equals(b.httpReuse());
        Channel pooled = reuse && retriesDone == 0 ? ServerPool.take(address) : null;
        if (pooled != null) {
            attach(e, pooled, true);
            return;
        }
        Timeouts t = b.timeouts();
        Bootstrap bootstrap = new Bootstrap()
                .group(ctx.channel().eventLoop())
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        t.connectMs() != null ? (int) Math.min(Integer.MAX_VALUE, t.connectMs()) : DEFAULT_CONNECT_MS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.WATER_MARK)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(TurnFlush.NAME, new TurnFlush());
                        if (t.serverMs() != null && t.serverMs() > 0) {
                            ch.pipeline().addLast("idle",
                                    new IdleStateHandler(t.serverMs(), 0, 0, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast("codec", Codecs.facingServers());
                        ch.pipeline().addLast("server", new ServerSide());
                    }
                });
        bootstrap.connect(address).addListener((ChannelFutureListener) f -> {
            if (current != e) {
                if (f.isSuccess()) {
                    f.channel().close();
                }
                return;
            }
            if (f.isSuccess()) {
                ServerPool.track(address, f.channel());
                attach(e, f.channel(), false);
                return;
            }
            RetryPolicy.Decision d = e.backend.connectFailed(server, retriesDone, e.persistentServer != null,
                    f.cause());
            switch (d.action()) {
                case GIVE_UP -> sendError(503);
                case RETRY_SAME -> ctx.executor().schedule(() -> {
                    if (current == e) {
                        connect(e, retriesDone + 1);
                    }
                }, d.delayMs(), TimeUnit.MILLISECONDS);
                case REDISPATCH -> ctx.executor().schedule(() -> {
                    if (current == e) {
                        acquire(e, null, retriesDone + 1);
                    }
                }, d.delayMs(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Sends the request on {@code server} and whatever body arrived so far. */
    private void attach(Exchange e, Channel server, boolean reused) {
        e.server = server;
        meter.attached(e.slot.server().counters());
        ServerSide side = server.pipeline().get(ServerSide.class);
        side.exchange = e;
        side.frontend = this;
        // a request read whole without a body is one message, head and end
        boolean whole = e.request instanceof FullHttpRequest;
        // a reused connection the server closed meanwhile: a request without a body may go again
        boolean again = reused && e.requestDone && e.pendingBodyEmpty();
        if (!again) {
            server.write(e.request, server.voidPromise());
        } else {
            server.write(e.request).addListener(f -> {
                if (!f.isSuccess() && side.exchange == e && current == e && !e.responseStarted) {
                    side.exchange = null;
                    e.server = null;
                    if (!whole) {
                        e.pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
                    }
                    connect(e, 1);
                }
            });
        }
        while (!e.pending.isEmpty()) {
            server.write(e.pending.poll(), server.voidPromise());
        }
        server.flush();
        if (!e.requestDone) {
            // the body goes on as fast as the server takes it
            ctx.channel().config().setAutoRead(server.isWritable());
        }
    }

    private void requestContent(HttpContent content) {
        Exchange e = current;
        if (e.refused) {
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (last) {
                e.requestDone = true;
                if (e.local != null) {
                    sendLocal(e);
                }
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            e.requestDone = true;
        }
        if (e.server == null) {
            e.pending.add(content);
            if (!last) {
                // no server connection yet: read no more of the body until there is one
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        e.server.write(content, e.server.voidPromise());
        if (!e.server.isWritable() && !last) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** Called by the server side: the server can take more of the request body. */
    void serverWritable(Exchange e) {
        if (current == e && !e.requestDone) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    /** Called by the server side with each part of the response. */
    void response(Exchange e, HttpObject msg) {
        if (current != e) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                ctx.write(msg);
                e.interim = true;
                return;
            }
            e.interim = false;
            e.responseStarted = true;
            meter.serverResponse(code);
            if (code == 101 && e.websocket && !Websocket.accepted(response)) {
                // the server did not answer the handshake's key: HAProxy refuses the switch too
                e.serverKeepAlive = false;
                ReferenceCountUtil.release(msg);
                sendError(502);
                return;
            }
            e.serverKeepAlive = HttpUtil.isKeepAlive(response);
            // the backend's http-response rules, then the frontend's
            e.view.response(response);
            Tracking.serverResponded(e.view, code);
            HttpRules.Outcome replaced = runResponseRules(e, response);
            if (replaced.ends()) {
                ReferenceCountUtil.release(msg); // with the body, when it came with the head
                meter.responseDenied();
                e.serverKeepAlive = false;
                current = null;
                e.abort();
                answer(e, replaced, false);
                return;
            }
            if (code == 101 && e.upgrade) {
                // the rules have run on the 101, as HAProxy runs them; then the tunnel
                switchProtocols(e, response);
                return;
            }
            Persistence.onResponse(e.backend, e.slot.server(), e.view, e.persistentServer, response);
            HttpHeaders h = response.headers();
            h.remove(HttpHeaderNames.KEEP_ALIVE);
            h.remove(HttpHeaderNames.PROXY_CONNECTION);
            h.remove(HttpHeaderNames.CONNECTION);
            boolean framed = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response)
                    || code == 204 || code == 304 || e.request.method().name().equals("HEAD");
            if (!framed) {
                // a body that ends when the server closes: the client needs the close too
                e.clientKeepAlive = false;
            }
            if (e.clientHttp10() && HttpUtil.isTransferEncodingChunked(response)) {
                // an HTTP/1.0 client cannot read chunks: send the body as is, ended by the close
                HttpUtil.setTransferEncodingChunked(response, false);
                e.clientKeepAlive = false;
            }
            if (stopping.getAsBoolean()) {
                e.clientKeepAlive = false;
            }
            if (!e.clientKeepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (e.clientHttp10()) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            // the client is answered in HTTP/1.1, whatever the server spoke, as HAProxy does
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            meter.sent(response.status().code());
        }
        if (e.interim) {
            // the empty end of an interim (1xx) response: the client's encoder needs it too
            ctx.writeAndFlush(msg);
            if (msg instanceof LastHttpContent) {
                e.interim = false;
            }
            return;
        }
        boolean last = msg instanceof LastHttpContent;
        ctx.write(msg, ctx.voidPromise());
        if (!ctx.channel().isWritable() && e.server != null) {
            e.server.config().setAutoRead(false);
        }
        if (last) {
            ctx.flush();
            responseDone(e);
        }
    }

    /**
     * The server accepted a protocol switch: the 101 goes to the client, then both connections
     * become a byte tunnel ({@code timeout tunnel} replacing the client and server timeouts).
     */
    private void switchProtocols(Exchange e, HttpResponse response) {
        Channel client = ctx.channel();
        Channel server = e.server;
        current = null;
        server.pipeline().get(ServerSide.class).exchange = null;
        meter.sent(101);
        ctx.writeAndFlush(response);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        Long tunnel = e.backend.backend().timeouts().tunnelMs();
        if (tunnel == null) {
            tunnel = e.frontend.timeouts().tunnelMs();
        }
        long clientIdle = tunnel != null ? tunnel : orZero(e.frontend.timeouts().clientMs());
        long serverIdle = tunnel != null ? tunnel : orZero(e.backend.backend().timeouts().serverMs());
        server.config().setAutoRead(false);
        client.config().setAutoRead(false);
        toRelay(server, client, "server", serverIdle);
        toRelay(client, server, "http", clientIdle);
        dropCodecs(server, client);
        server.config().setAutoRead(true);
        client.config().setAutoRead(true);
    }

    private static void toRelay(Channel ch, Channel peer, String handler, long idleMs) {
        ChannelPipeline p = ch.pipeline();
        if (p.get("idle") != null) {
            p.remove("idle");
        }
        if (idleMs > 0) {
            p.addFirst("idle", new ActivityTimeout(idleMs));
        }
        p.replace(handler, "relay", new Relay(peer));
    }

    /**
     * Removes the HTTP codecs of a tunnel's two channels. A codec that goes hands the bytes it
     * read but did not decode (a frame the server sent with its 101) to the relay, which writes
     * them to the other channel at once: so neither channel encodes HTTP any more when either
     * codec goes.
     */
    private static void dropCodecs(Channel... channels) {
        for (Channel ch : channels) {
            ((CombinedChannelDuplexHandler<?, ?>) ch.pipeline().get("codec")).removeOutboundHandler();
        }
        for (Channel ch : channels) {
            ch.pipeline().remove("codec");
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    /** Runs the backend's http-response rules, then the frontend's: the answer, when one of them ends it. */
    private static HttpRules.Outcome runResponseRules(Exchange e, HttpResponse response) {
        HttpRules.Outcome answer = runResponseRules(e.backend.http().responseRules(), e.view, response);
        return answer.ends() ? answer : runResponseRules(e.fe.http().responseRules(), e.view, response);
    }

    private static HttpRules.Outcome runResponseRules(List<HttpRules> sets, MessageView view, HttpResponse response) {
        for (HttpRules set : sets) {
            HttpRules.Outcome o = set.response(view, response);
            if (o.ends()) {
                return o;
            }
        }
        return HttpRules.Outcome.CONTINUE;
    }

    /** Called by the server side after a read burst. */
    void flushToClient() {
        ctx.flush();
    }

    private void responseDone(Exchange e) {
        Channel server = e.server;
        ServerSide side = server == null ? null : server.pipeline().get(ServerSide.class);
        if (side != null) {
            side.exchange = null;
        }
        served++;
        boolean reusable = server != null && e.serverKeepAlive && e.requestDone && server.isActive()
                && !"never".equals(e.backend.backend().httpReuse()) && !serverClose(e);
        if (reusable) {
            server.config().setAutoRead(true);
            ServerPool.offer(e.backend.address(e.slot.server()), server);
        } else if (server != null) {
            server.close();
        }
        e.releaseSlot();
        if (e.clientKeepAlive && e.requestDone) {
            awaitRequest();
        } else {
            current = null;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> close(e));
        }
    }

    /**
     * Closes the client connection after {@code e} (null: no request was read whole); while part
     * of its request is still unread, through {@link Drain}, so that the client gets the end of
     * the connection (and the answer before it) rather than a reset.
     */
    private void close(Exchange e) {
        if (e != null && !e.requestDone) {
            Drain.close(ctx.channel());
        } else {
            ctx.close();
        }
    }

    /** Called by the server side when its connection ends or times out before the response ended. */
    void serverFailed(Exchange e, boolean timeout) {
        if (current != e) {
            return;
        }
        meter.serverFailed();
        if (!e.responseStarted) {
            Tracking.serverFailed(e.view);
            sendError(timeout ? 504 : 502);
        } else {
            current = null;
            ctx.close();
        }
    }

    /**
     * Answers with the proxy's own page for {@code status} (the backend's replacement for it, else
     * the frontend's, else the built-in one); the connection then serves the next request when the
     * request was read whole and the page does not end it, as after HAProxy's ({@link #reply}).
     */
    private void sendError(int status) {
        meter.answered(status, false);
        Tracking.proxyError(ctx.channel(), status);
        Exchange e = current;
        current = null;
        if (e != null) {
            e.abort();
        }
        reply(e, ownPage(e, status));
    }

    /** One request and its response. */
    static final class Exchange implements BalanceInput {

        final RuntimePlan plan;
        final RuntimePlan.FrontendRuntime fe;
        final Frontend frontend;
        final HttpRequest request;
        final MessageView view;
        /** Parts of the request body read before the server connection was there (usually none). */
        final ArrayDeque<HttpContent> pending = new ArrayDeque<>(2);
        BackendRuntime backend;
        ServerState persistentServer;
        Slot slot;
        ServerSlots.Waiting waiting = ServerSlots.Waiting.NONE;
        /** The answer of a rule, waiting for the end of the request. */
        HttpRules.Outcome local;
        Channel server;
        boolean refused;
        boolean upgrade;
        /** The request is a websocket handshake (with its key). */
        boolean websocket;
        boolean requestDone;
        boolean responseStarted;
        boolean interim;
        boolean clientKeepAlive;
        boolean serverKeepAlive;
        private final boolean http10;

        Exchange(RuntimePlan plan, RuntimePlan.FrontendRuntime fe, HttpRequest request, MessageView view) {
            this.plan = plan;
            this.fe = fe;
            this.frontend = fe.frontend();
            this.request = request;
            this.view = view;
            this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        }

        @Override
        public byte[] clientAddress() {
            InetSocketAddress client = view.clientAddress();
            return client == null ? null : client.getAddress().getAddress();
        }

        @Override
        public CharSequence uri() {
            return request.uri();
        }

        @Override
        public CharSequence header(String name) {
            return request.headers().get(name);
        }

        /** Gives the server slot back (the server can take another request). */
        void releaseSlot() {
            if (slot != null) {
                slot.release();
                slot = null;
            }
        }

        boolean clientHttp10() {
            return http10;
        }

        /** Whether the parts of the body waiting for the server connection carry no bytes. */
        boolean pendingBodyEmpty() {
            for (HttpContent c : pending) {
                if (c.content().readableBytes() > 0) {
                    return false;
                }
            }
            return true;
        }

        /** Drops what is queued, the server connection if the response had not ended, and the slot. */
        void abort() {
            waiting.cancel();
            releaseSlot();
            if (local != null) {
                ReferenceCountUtil.release(local.answer);
                local = null;
            }
            HttpContent c;
            while ((c = pending.poll()) != null) {
                c.release();
            }
            if (server != null) {
                ServerSide side = server.pipeline().get(ServerSide.class);
                if (side != null && side.exchange == this) {
                    side.exchange = null;
                    server.close();
                }
            }
        }
    }

    /** The handler on a server connection: hands the response to the exchange using it. */
    static final class ServerSide extends ChannelInboundHandlerAdapter {

        Exchange exchange;
        HttpFrontend frontend;
        /**
         * A final response's head, held until the next message of the same read: when that is the
         * response's end, the two go to the client as one message (one buffer, one send).
         */
        private HttpResponse head;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Exchange e = exchange;
            if (e == null || !(msg instanceof HttpObject o) || o.decoderResult().isFailure()) {
                // a response nobody asked for, on an idle pooled connection, or one the decoder
                // could not read (a broken chunk): drop the connection, which fails the exchange
                head = null;
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            HttpResponse held = head;
            if (held != null) {
                head = null;
                if (msg instanceof LastHttpContent last) {
                    frontend.response(e, whole(held, last));
                    return;
                }
                frontend.response(e, held);
            }
            if (msg instanceof HttpResponse r && !(msg instanceof HttpContent) && r.status().code() >= 200) {
                head = r;
                return;
            }
            frontend.response(e, (HttpObject) msg);
        }

        private static FullHttpResponse whole(HttpResponse head, LastHttpContent last) {
            FullHttpResponse r = new DefaultFullHttpResponse(head.protocolVersion(), head.status(), last.content(),
                    head.headers(), last.trailingHeaders());
            r.setDecoderResult(head.decoderResult());
            return r;
        }

        /** Hands a held response head on: the rest of the response comes in later reads. */
        private void releaseHead() {
            HttpResponse held = head;
            head = null;
            if (held != null && exchange != null) {
                frontend.response(exchange, held);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            releaseHead();
            if (exchange != null) {
                frontend.flushToClient();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && exchange != null) {
                frontend.serverWritable(exchange);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                Exchange e = exchange;
                if (e != null) {
                    exchange = null;
                    frontend.serverFailed(e, true);
                }
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            releaseHead();
            Exchange e = exchange;
            exchange = null;
            if (e != null) {
                frontend.serverFailed(e, false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
