package dev.sluice.runtime.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to the runtime API, speaking HAProxy's text protocol: a line holds one command
 * or several separated by {@code ;}; each answer is followed by an empty line. Without
 * {@code prompt} the connection closes once the lines received together are answered (one-shot
 * use, {@code echo "show info" | socat ...}); with it, a {@code > } prompt follows each answer and
 * the connection stays open until {@code quit}, the client closes, or {@code stats timeout} passes
 * without a line.
 *
 * <p>Lines are answered one at a time, in order; a command that answers later ({@code reload})
 * holds the next lines back. Nothing a client sends can break the handler: a failing command is
 * answered with the failure, a line longer than HAProxy's buffer closes the connection.
 */
final class CliHandler extends ChannelInboundHandlerAdapter {

    /** The longest line read, HAProxy's default buffer size. */
    static final int MAX_LINE = 16_384;

    /** Lines waiting for an answer beyond which the client is not read. */
    static final int MAX_QUEUED = 64;

    private final Commands commands;
    private final Session session;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** A line is being answered. */
    private boolean busy;
    private boolean inputEnded;
    private boolean closing;

    CliHandler(Commands commands, Level level) {
        this.commands = commands;
        this.session = new Session(level);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            while (buf.isReadable() && !closing) {
                int newline = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) '\n');
                int end = newline < 0 ? buf.writerIndex() : newline;
                int length = end - buf.readerIndex();
                if (partial.size() + length > MAX_LINE) {
                    close("Command line too long.\n");
                    return;
                }
                byte[] part = new byte[length];
                buf.readBytes(part);
                partial.write(part, 0, length);
                if (newline >= 0) {
                    buf.skipBytes(1);
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                }
            }
        } finally {
            buf.release();
        }
        process();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            process();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true; // an unfinished last line is ignored, as HAProxy does
            if (!busy && lines.isEmpty()) {
                close("");
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (!busy) {
                close("");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Answers the lines received, one at a time, while the client reads the answers. */
    private void process() {
        while (!busy && !closing && !lines.isEmpty() && ctx.channel().isWritable()) {
            busy = true;
            run(CliParser.commands(lines.poll()), 0);
        }
        ctx.channel().config().setAutoRead(!closing && ctx.channel().isWritable() && lines.size() < MAX_QUEUED);
    }

    /** Runs the commands of a line from the {@code i}-th on, each after the previous one answered. */
    private void run(List<List<String>> line, int i) {
        if (i == line.size() || session.quit()) {
            lineDone();
            return;
        }
        CompletableFuture<String> answer = commands.run(line.get(i), session);
        if (answer.isDone()) {
            answered(line, i, answer.join());
        } else {
            answer.whenComplete((text, error) -> ctx.executor().execute(() -> answered(line, i,
                    text != null ? text : "Internal error: " + error + "\n")));
        }
    }

    private void answered(List<List<String>> line, int i, String text) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!session.quit()) {
            ctx.write(Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        }
        run(line, i + 1);
    }

    private void lineDone() {
        busy = false;
        if (session.quit() || (inputEnded || !session.interactive()) && lines.isEmpty()) {
            close("");
            return;
        }
        if (session.interactive()) {
            ctx.write(Unpooled.copiedBuffer("> ", StandardCharsets.US_ASCII));
        }
        ctx.flush();
        process();
    }

    /** Sends {@code last} and what was written before it, then closes. */
    private void close(String last) {
        closing = true;
        ctx.writeAndFlush(Unpooled.copiedBuffer(last, StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
    }
}
