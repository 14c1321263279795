package dev.hvscope.gdb;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.gdb.command.CommandTable;
import dev.hvscope.gdb.command.Session;
import dev.hvscope.gdb.rsp.RspDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GDB stub's TCP server: one debugger at a time (a second connection is closed at once), and
 * after a disconnect the next one attaches to the same machine. Binds where it is told
 * (127.0.0.1 by default); port 0 picks a free port ({@link #port()}). Or a Unix domain socket
 * ({@link #startUnix}) that only this user can connect to.
 */
public final class GdbServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final Debuggee target;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AtomicReference<Channel> active = new AtomicReference<>();
    private final Runnable onKill;
    /** Connections waiting for the current debugger to go (a reconnect that came before its close). */
    private final List<Runnable> waitingForRelease = new ArrayList<>();
    /** The published socket file of a Unix domain stub (removed on close), else null. */
    private volatile Path socketFile;

    private GdbServer(Debuggee target, Class<? extends ServerChannel> transport, SocketAddress at, Runnable onKill)
            throws InterruptedException {
        this.target = target;
        this.onKill = onKill;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CommandTable commands = CommandTable.standard();
        ServerBootstrap b = new ServerBootstrap()
            .group(group)
            .channel(transport)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new RspDecoder(Session.PACKET_SIZE),
                            new GdbConnection(GdbServer.this, target, commands));
                }
            });
        if (transport == NioServerSocketChannel.class) {
            b.childOption(ChannelOption.TCP_NODELAY, true);
        }
        try {
            this.serverChannel = b.bind(at).sync().channel();
        } catch (Exception e) {   // also the bind's IOException, which netty rethrows unchecked
            group.shutdownGracefully();
            throw e;
        }
    }

    /**
     * Starts listening.
     *
     * @param onKill run when gdb kills the target ({@code k}); may be null
     */
    public static GdbServer start(Debuggee target, String host, int port, Runnable onKill) throws InterruptedException {
        return new GdbServer(target, NioServerSocketChannel.class,
                new InetSocketAddress(host == null || host.isEmpty() ? DEFAULT_HOST : host, port), onKill);
    }

    /**
     * Starts listening on the Unix domain socket {@code socket}, a file of mode 0600 from the moment
     * it can be connected to ({@link PrivateSocketFile}); closing the server removes it.
     *
     * @throws IOException with a one-line message when the path is unsafe or taken, or the bind fails
     */
    public static GdbServer startUnix(Debuggee target, Path socket, Runnable onKill)
            throws IOException, InterruptedException {
        try (PrivateSocketFile file = PrivateSocketFile.prepare(socket)) {
            GdbServer server;
            try {
                server = new GdbServer(target, NioServerDomainSocketChannel.class,
                        UnixDomainSocketAddress.of(file.staged()), onKill);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // netty rethrows the bind's IOException unchecked
                throw new IOException("cannot listen on unix:" + socket + ": " + e.getMessage(), e);
            }
            try {
                server.socketFile = file.publish();
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    /** The socket file of a Unix domain stub, or null for TCP. */
    public Path socket() {
        return socketFile;
    }

    /** The TCP port (a TCP stub only). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The TCP address (a TCP stub only). */
    public String host() {
        return ((InetSocketAddress) serverChannel.localAddress()).getAddress().getHostAddress();
    }

    public Debuggee target() {
        return target;
    }

    boolean claim(Channel ch) {
        return active.compareAndSet(null, ch);
    }

    void release(Channel ch) {
        if (active.compareAndSet(ch, null)) {
            List<Runnable> waiting;
            synchronized (waitingForRelease) {
                waiting = List.copyOf(waitingForRelease);
                waitingForRelease.clear();
            }
            waiting.forEach(Runnable::run);
        }
    }

    /** Runs {@code r} once no debugger holds the stub (now, if none does). */
    void whenReleased(Runnable r) {
        synchronized (waitingForRelease) {
            if (active.get() != null) {
                waitingForRelease.add(r);
                return;
            }
        }
        r.run();
    }

    void killed() {
        if (onKill != null) {
            onKill.run();
        }
    }

    /** Whether a debugger is connected now. */
    public boolean connected() {
        return active.get() != null;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        Channel c = active.get();
        if (c != null) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException e) {
                // left behind: a stale socket, which the next stub on this path replaces
            }
        }
    }
}
