package dev.hvscope.gdb;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.StopEvent;
import dev.hvscope.gdb.command.Command;
import dev.hvscope.gdb.command.CommandTable;
import dev.hvscope.gdb.command.Session;
import dev.hvscope.gdb.rsp.RspMessage;
import dev.hvscope.gdb.rsp.RspWriter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One debugger connection: acks (until no-ack mode), NAK resends, dispatch through the
 * {@link CommandTable}, and stop replies coming from the target's run thread.
 */
final class GdbConnection extends SimpleChannelInboundHandler<RspMessage> {
    private final GdbServer server;
    private final Debuggee target;
    private final CommandTable commands;
    private Session session;
    private ChannelHandlerContext ctx;
    private boolean noAck;
    private byte[] lastReply;
    private boolean closing;
    private boolean killed;

    /** How long a new connection waits for the previous debugger's connection to end. */
    static final long RECONNECT_GRACE_MS = 2000;

    GdbConnection(GdbServer server, Debuggee target, CommandTable commands) {
        this.server = server;
        this.target = target;
        this.commands = commands;
    }

    @Override
    public void channelActive(ChannelHandlerContext c) throws Exception {
        this.ctx = c;
        if (server.claim(c.channel())) {
            attach(c);
        } else {
            waitForThePreviousDebugger(c);
        }
    }

    /**
     * One debugger at a time; but a debugger that reconnects right after closing its socket may
     * arrive before the stub has seen the old connection end. Its packets wait (no reads) until the
     * old connection is released, for at most {@link #RECONNECT_GRACE_MS}; a second debugger while the
     * first stays is closed then.
     */
    private void waitForThePreviousDebugger(ChannelHandlerContext c) {
        c.channel().config().setAutoRead(false);
        ScheduledFuture<?> giveUp = c.executor().schedule(() -> {
            c.close();
        }, RECONNECT_GRACE_MS, TimeUnit.MILLISECONDS);
        server.whenReleased(() -> c.executor().execute(() -> {
            if (!giveUp.cancel(false) || !c.channel().isActive()) {
                return;
            }
            if (!server.claim(c.channel())) {
                c.close();
                return;
            }
            try {
                attach(c);
                c.channel().config().setAutoRead(true);
            } catch (Exception e) {
                c.close();
            }
        }));
    }

    private void attach(ChannelHandlerContext c) throws Exception {
        session = new Session(target, new Session.Output() {
            @Override
            public void send(byte[] payload) {
                lastReply = payload;
                ctx.writeAndFlush(RspWriter.packet(ctx.alloc(), payload));
            }

            @Override
            public void startNoAck() {
                noAck = true;
            }

            @Override
            public void close(boolean kill) {
                closing = true;
                killed = kill;
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        });
        // gdb expects a stopped target: stop a running machine as QEMU does on attach.
        if (target.isRunning()) {
            target.interrupt();
            target.awaitStopped(5000);
        }
        target.setStopListener(this::stopped);
        super.channelActive(c);
    }

    private void stopped(StopEvent e) {
        try {
            ctx.executor().execute(() -> {
                if (session != null && session.takeAwaitedStop() && ctx.channel().isActive()) {
                    session.sendStop(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the server shut down: nobody is waiting for this stop
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, RspMessage msg) {
        if (session == null) {
            return;
        }
        if (msg instanceof RspMessage.Packet p) {
            if (!p.checksumOk()) {
                if (!noAck) {
                    c.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'-'}));
                }
                return;
            }
            if (!noAck) {
                c.write(Unpooled.wrappedBuffer(new byte[] {'+'}));
            }
            dispatch(p.text());
        } else if (msg instanceof RspMessage.Oversize) {
            if (!noAck) {
                c.write(Unpooled.wrappedBuffer(new byte[] {'+'}));
            }
            session.reply("E22");
        } else if (msg instanceof RspMessage.Nak) {
            if (lastReply != null && !noAck) {
                c.writeAndFlush(RspWriter.packet(c.alloc(), lastReply));
            }
        } else if (msg instanceof RspMessage.Interrupt) {
            if (target.isRunning()) {
                target.interrupt();
            }
        }
    }

    private void dispatch(String packet) {
        if (closing) {
            return;
        }
        Command cmd = commands.lookup(packet);
        if (mayChangeTarget(packet)) {
            session.tables().clear();
        }
        try {
            if (cmd == null) {
                session.reply("");
            } else {
                cmd.handle(session, packet);
            }
        } catch (RuntimeException e) {
            session.reply("E01");   // malformed packet: answer and keep serving
        }
        ctx.flush();
    }

    /** Writes, runs, steps and monitor commands may change the paging tables the views cached. */
    private static boolean mayChangeTarget(String packet) {
        return packet.isEmpty() || "MXPGcsCSvQRkDZz".indexOf(packet.charAt(0)) >= 0 || packet.startsWith("qRcmd");
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        if (session != null) {
            if (killed) {
                server.killed();
            } else {
                target.detach();   // like QEMU: a debugger that goes away lets the machine run on
            }
            server.release(c.channel()); // last: a debugger waiting to attach finds the target detached
        }
        super.channelInactive(c);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        c.close();
    }

}
