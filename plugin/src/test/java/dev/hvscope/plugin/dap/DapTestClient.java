package dev.hvscope.plugin.dap;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/** A DAP client built with lsp4j's own client launcher, connected to an adapter over pipes; events go to queues. */
public final class DapTestClient implements HvscopeDebugClient, AutoCloseable {
    public final BlockingQueue<StoppedEventArguments> stopped = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> initialized = new LinkedBlockingQueue<>();
    public final BlockingQueue<Object> terminated = new LinkedBlockingQueue<>();
    public final BlockingQueue<org.eclipse.lsp4j.debug.ExitedEventArguments> exited = new LinkedBlockingQueue<>();
    final BlockingQueue<VmExitEventArguments> vmExits = new LinkedBlockingQueue<>();
    /** The adapter's standard and hvscope/ requests, as one proxy. */
    public interface Server extends IDebugProtocolServer, HvscopeRequests {
    }

    public final Server server;
    private final OutputStream toServer;
    private final Thread serverThread;
    private final Socket socket;

    /*
     * A loopback socket, not piped streams: a PipedInputStream reports "pipe broken" once the
     * last thread that wrote into it has ended, and the adapter writes events from short-lived
     * threads (the debuggee's output pumps).
     */
    DapTestClient() throws IOException {
        this(testPolicy());
    }

    /** What the tests' adapters may launch: QEMU when installed, and {@code true} (a program that never opens a port). */
    static LaunchPolicy testPolicy() {
        List<String> programs = new ArrayList<>(List.of("true"));
        if (Qemu.installed()) {
            programs.add(Qemu.BINARY);
        }
        return LaunchPolicy.allowing(programs);
    }

    DapTestClient(LaunchPolicy policy) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serverThread = new Thread(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                DapServer.serve(s.getInputStream(), s.getOutputStream(), policy);
            } catch (IOException e) {
                // the test ended
            }
        }, "adapter-under-test");
        serverThread.setDaemon(true);
        serverThread.start();
        socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        this.toServer = socket.getOutputStream();
        Launcher<Server> launcher = org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher.createLauncher(this, Server.class,
                socket.getInputStream(), new SyncOut(toServer));
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    /** Writes raw bytes into the adapter's input, bypassing the JSON-RPC layer. */
    void raw(String text) throws IOException {
        synchronized (toServer) {
            toServer.write(text.getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        }
    }

    /** A framed message whose body is arbitrary text. */
    void rawMessage(String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        raw("Content-Length: " + b.length + "\r\n\r\n" + body);
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

    /** The error message of a request that must fail with an error response. */
    static String error(java.util.concurrent.CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException) {
                return ((ResponseErrorException) e.getCause()).getResponseError().getMessage();
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no response", e);
        }
        throw new AssertionError("expected an error response");
    }

    StoppedEventArguments nextStop() throws InterruptedException {
        StoppedEventArguments s = stopped.poll(30, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no stopped event");
        }
        return s;
    }

    @Override
    public void initialized() {
        initialized.add(Boolean.TRUE);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        stopped.add(args);
    }

    @Override
    public void output(OutputEventArguments args) {
        output.add(args.getOutput());
    }

    @Override
    public void exited(org.eclipse.lsp4j.debug.ExitedEventArguments args) {
        exited.add(args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        terminated.add(args == null ? Boolean.TRUE : args);
    }

    @Override
    public void vmExit(VmExitEventArguments args) {
        vmExits.add(args);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Serializes the launcher's writes with raw() writes. */
    private static final class SyncOut extends OutputStream {
        private final OutputStream out;

        SyncOut(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (out) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (out) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (out) {
                out.flush();
            }
        }
    }
}
