package dev.hvscope.plugin.dap;

import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

/**
 * Benchmark of the G-stage scope on a guest with 1 GiB mapped in 4 KiB pages (262,144 PTEs,
 * {@link GStageTableFixture}): the tables are written into the machine's RAM at 0x81000000 and
 * hgatp pointed at them through the adapter (writeMemory, setVariable), as a client would. Each
 * run steps one instruction (a new stop: every cache on both sides is dropped) and times, from the
 * stopped event, what an IDE sends to show the scope: stackTrace, scopes, variables of the
 * G-stage scope (the regions) and variables of its region (the first 100 leaves). The adapter
 * runs in-process behind a real JSON-RPC socket, driven by lsp4j's client launcher; the stub is
 * hvscope's (in-process, full-system machine) or QEMU's (a subprocess). The best and the median
 * of the runs are printed; no run is a test assertion.
 */
public final class GStageScopeBench {
    static final long TABLE_ROOT = 0x8100_0000L;
    static final long HPA_BASE = 0x1_0000_0000L;
    static final int LEAF_PAGE = 100;

    /** Stops measured but not counted, so the JIT has compiled both sides' code paths. */
    public static final int WARMUP = 2;

    /**
     * Per stub: milliseconds of each counted run, from stop to the last reply, and of the very
     * first (cold) stop, which is among the warm-up runs.
     */
    public record Result(String stub, double cold, double[] millis) {
        public double best() {
            return Arrays.stream(millis).min().orElse(Double.NaN);
        }

        public double median() {
            double[] s = millis.clone();
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s[s.length / 2];
        }
    }

    private GStageScopeBench() {
    }

    /** Over hvscope's stub, on a full-system machine running {@code elf} (stopped at entry). */
    public static Result hvscope(Path elf, int runs) throws Exception {
        MachineConfig config = MachineConfig.builder().bios(Bios.NONE).kernel(elf).ramSize(128L << 20)
                .serial(SerialMode.NONE).build();
        try (VirtMachine machine = VirtMachine.create(config)) {
            GdbServer server = GdbServer.start(new FullSystemDebuggee(machine), "127.0.0.1", 0, null);
            try (Client c = new Client(LaunchPolicy.hvscopeOnly())) {
                Map<String, Object> args = new HashMap<>();
                args.put("port", server.port());
                args.put("elf", elf.toString());
                c.initialize();
                get(c.server.attach(args));
                return result("hvscope", c.measure(WARMUP + runs));
            } finally {
                server.close();
            }
        }
    }

    /** Over QEMU's stub: {@code qemu} started by the adapter's launch request, {@code -bios none -kernel elf}. */
    public static Result qemu(String qemu, Path elf, int runs) throws Exception {
        try (Client c = new Client(LaunchPolicy.allowing(List.of(qemu)))) {
            Map<String, Object> args = new HashMap<>();
            args.put("command", List.of(qemu, "-machine", "virt", "-cpu", "rv64", "-m", "128M", "-nographic",
                    "-bios", "none", "-kernel", elf.toString(), "-S", "-gdb", "tcp:127.0.0.1:${port}"));
            args.put("elf", elf.toString());
            c.initialize();
            get(c.server.launch(args));
            return result("qemu", c.measure(WARMUP + runs));
        }
    }

    private static Result result(String stub, double[] all) {
        return new Result(stub, all[0], Arrays.copyOfRange(all, WARMUP, all.length));
    }

    /** The README's lines for the results (qemu may be null). */
    public static void print(PrintWriter out, Result hv, Result qemu, String qemuNote, int runs) {
        out.printf("G-stage scope, 1 GiB in 4 KiB pages (262,144 PTEs): stop -> stackTrace + scopes + "
                + "variables(regions) + variables(%d leaves); %d runs after %d warm-up stops%n", LEAF_PAGE, runs, WARMUP);
        line(out, "hvscope stub", hv);
        if (qemu != null) {
            line(out, "QEMU stub", qemu);
            out.printf("  QEMU / hvscope (median): %.1fx%n", qemu.median() / hv.median());
        } else {
            out.printf("  QEMU stub    : skipped (%s)%n", qemuNote);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String name, Result r) {
        out.printf("  %-13s: best %6.1f ms, median %6.1f ms, first stop (cold) %6.1f ms  (runs: %s)%n", name,
                r.best(), r.median(), r.cold(),
                Arrays.toString(Arrays.stream(r.millis()).map(m -> Math.round(m * 10) / 10.0).toArray()));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    /** The DAP side: an adapter behind a loopback socket and an lsp4j client launcher. */
    private static final class Client implements HvscopeDebugClient, AutoCloseable {
        interface Server extends IDebugProtocolServer, HvscopeRequests {
        }

        final BlockingQueue<StoppedEventArguments> stops = new LinkedBlockingQueue<>();
        final Server server;
        private final Socket socket;
        private final java.util.concurrent.Future<Void> listening;

        Client(LaunchPolicy policy) throws IOException {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try (ServerSocket l = listener; Socket s = l.accept()) {
                    s.setTcpNoDelay(true);   // as stdio: no Nagle delay on small JSON-RPC messages
                    DapServer.serve(s.getInputStream(), s.getOutputStream(), policy);
                } catch (IOException e) {
                    // the benchmark ended
                }
            }, "bench-adapter");
            t.setDaemon(true);
            t.start();
            socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            socket.setTcpNoDelay(true);
            Launcher<Server> launcher = DebugLauncher.createLauncher(this, Server.class, socket.getInputStream(),
                    socket.getOutputStream());
            listening = launcher.startListening();
            server = launcher.getRemoteProxy();
        }

        void initialize() throws Exception {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("hvscope");
            get(server.initialize(init));
        }

        StoppedEventArguments nextStop() throws InterruptedException {
            StoppedEventArguments s = stops.poll(60, TimeUnit.SECONDS);
            if (s == null) {
                throw new IllegalStateException("no stopped event");
            }
            return s;
        }

        /** Writes the table, points hgatp at it, then times the runs. */
        double[] measure(int runs) throws Exception {
            get(server.configurationDone(new ConfigurationDoneArguments()));
            nextStop();
            GStageTableFixture table = new GStageTableFixture(TABLE_ROOT, HPA_BASE);
            byte[] bytes = table.bytes();
            for (int off = 0; off < bytes.length; off += 1 << 16) {
                WriteMemoryArguments w = new WriteMemoryArguments();
                w.setMemoryReference("hpa:" + Addresses.hex(TABLE_ROOT + off));
                w.setData(Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + (1 << 16)))));
                get(server.writeMemory(w));
            }
            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(scope(frameId(), "Hypervisor").getVariablesReference());
            set.setName("hgatp");
            set.setValue(Addresses.hex(table.hgatp()));
            get(server.setVariable(set));

            double[] millis = new double[runs];
            for (int run = 0; run < runs; run++) {
                StepInArguments step = new StepInArguments();
                step.setThreadId(1);
                get(server.stepIn(step));
                nextStop();
                long t0 = System.nanoTime();
                Scope g = scope(frameId(), "G-stage mappings");
                Variable[] regions = variables(g.getVariablesReference(), 0, 0);
                Variable[] leaves = variables(regions[0].getVariablesReference(), 0, LEAF_PAGE);
                millis[run] = (System.nanoTime() - t0) / 1e6;
                if (regions.length != 1 || leaves.length != LEAF_PAGE
                        || !regions[0].getValue().contains("4K x 262144")) {
                    throw new IllegalStateException("unexpected G-stage scope: " + Arrays.toString(regions));
                }
            }
            return millis;
        }

        private int frameId() throws Exception {
            StackTraceArguments a = new StackTraceArguments();
            a.setThreadId(1);
            return get(server.stackTrace(a)).getStackFrames()[0].getId();
        }

        private Scope scope(int frameId, String name) throws Exception {
            ScopesArguments a = new ScopesArguments();
            a.setFrameId(frameId);
            for (Scope s : get(server.scopes(a)).getScopes()) {
                if (s.getName().equals(name)) {
                    return s;
                }
            }
            throw new IllegalStateException("no scope " + name);
        }

        private Variable[] variables(int ref, int start, int count) throws Exception {
            VariablesArguments a = new VariablesArguments();
            a.setVariablesReference(ref);
            if (count > 0) {
                a.setStart(start);
                a.setCount(count);
            }
            return get(server.variables(a)).getVariables();
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            stops.add(args);
        }

        @Override
        public void vmExit(VmExitEventArguments args) {
            // not subscribed
        }

        @Override
        public void close() throws Exception {
            try {
                get(server.disconnect(new DisconnectArguments()));
                // end of input for the adapter; it closes its side, and our reader sees a clean end
                socket.shutdownOutput();
                listening.get(10, TimeUnit.SECONDS);
            } finally {
                socket.close();
            }
        }
    }
}
