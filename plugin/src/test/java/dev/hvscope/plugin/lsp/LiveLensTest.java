package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.MappingFlags;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.gdb.GdbServer;
import dev.hvscope.plugin.dap.HvscopeDebugAdapter;
import dev.hvscope.plugin.live.LiveSessionRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pflash lens reaching a live VM: the pflash demo runs as a hosted VM behind hvscope's stub, the
 * debug adapter is attached with {@code vmConfig} naming the demo's config, and the language server
 * runs the lens on that config: the file flips, and so does the live VM.
 */
class LiveLensTest {
    @TempDir
    static Path dir;
    static Path registryDir;

    @BeforeAll
    static void privateRegistry() {
        registryDir = dir.resolve("sessions");
        System.setProperty(LiveSessionRegistry.DIR_PROPERTY, registryDir.toString());
    }

    @AfterAll
    static void standardRegistry() {
        System.clearProperty(LiveSessionRegistry.DIR_PROPERTY);
    }

    /** The adapter's side of the DAP connection: events, as a DAP client sees them. */
    static final class DapEvents implements IDebugProtocolClient {
        final BlockingQueue<StoppedEventArguments> stopped = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> terminated = new LinkedBlockingQueue<>();
        final StringBuffer output = new StringBuffer();

        @Override
        public void stopped(StoppedEventArguments args) {
            stopped.add(args);
        }

        @Override
        public void output(OutputEventArguments args) {
            output.append(args.getOutput());
        }

        @Override
        public void terminated(TerminatedEventArguments args) {
            terminated.add(args);
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** The live VM's pflash mode, read back through the adapter's pflash scope. */
    private static String liveMode(HvscopeDebugAdapter adapter) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(get(adapter.stackTrace(st)).getStackFrames()[0].getId());
        Scope pflash = List.of(get(adapter.scopes(sa)).getScopes()).stream()
                .filter(s -> s.getName().equals("pflash")).findFirst().orElseThrow();
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(pflash.getVariablesReference());
        return get(adapter.variables(va)).getVariables()[0].getValue();
    }

    /** A hosted VM from the demo config (with another guest when elf is given) behind hvscope's stub, and the adapter attached. */
    private static final class LiveVm implements AutoCloseable {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final HvscopeDebugAdapter adapter = new HvscopeDebugAdapter();
        final DapEvents events = new DapEvents();
        final GdbServer stub;
        final Path config;

        LiveVm(String name, String guest, boolean stopOnEntry) throws Exception {
            Path examples = LspTestClient.samplePath().getParent().resolveSibling("examples");
            Path elf = examples.resolve("pflash-guest").resolve(guest);
            config = dir.resolve(name);
            Files.writeString(config, Files.readString(examples.resolve("pflash/vm.toml"))
                    .replace("\"../pflash-guest/pflash-guest.elf\"", "\"" + elf + "\"")
                    .replace("\"pflash", "\"" + examples.resolve("pflash") + "/pflash"));
            VmSpec spec = new VmSpec("pflash-demo", 1, 0x8020_0000L, elf, 0x8020_0000L, 0,
                    List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                    List.of(), List.of(),
                    new VmSpec.Pflash(0x2200_0000L, 0x1000L, Vm.BOARD_PFLASH1, PflashMode.PASSTHROUGH,
                            examples.resolve("pflash/pflash.img"), examples.resolve("pflash/pflash-emulate.img")));
            stub = GdbServer.start(new HostedDebuggee(HostedMachine.create(spec, console, null)), "127.0.0.1", 0, null);
            adapter.connect(events);
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("hvscope");
            get(adapter.initialize(init));
            Map<String, Object> attach = new HashMap<>();
            attach.put("port", stub.port());
            attach.put("vmConfig", config.toString());
            attach.put("stopOnEntry", stopOnEntry);
            get(adapter.attach(attach));
            get(adapter.configurationDone(new ConfigurationDoneArguments()));
        }

        /** Runs the lens of the config through the language server; answers the command's result. */
        Map<?, ?> lens(LspTestClient lsp) throws Exception {
            String uri = config.toUri().toString();
            lsp.open(uri, Files.readString(config));
            List<? extends CodeLens> lenses = LspTestClient.get(lsp.server.getTextDocumentService()
                    .codeLens(new CodeLensParams(LspTestClient.doc(uri))));
            return PassthroughCodeLensTest.run(lsp, lenses.get(0));
        }

        @Override
        public void close() throws Exception {
            try {
                get(adapter.disconnect(new DisconnectArguments()));
            } finally {
                stub.close();
            }
        }
    }

    @Test
    void lensOnAStoppedVm_flipsTheFileAndTheLiveVm() throws Exception {
        Path config;
        try (LiveVm vm = new LiveVm("vm.toml", "pflash-guest.elf", true); LspTestClient lsp = new LspTestClient()) {
            config = vm.config;
            assertNotNull(vm.events.stopped.poll(20, TimeUnit.SECONDS), "no stop at entry");
            assertEquals(1, new LiveSessionRegistry(registryDir).sessionsFor(config).size());
            assertEquals("passthrough", liveMode(vm.adapter));
            String text = Files.readString(config);

            Map<?, ?> result = vm.lens(lsp);

            assertEquals("emulate", result.get("mode"));
            assertEquals(true, result.get("liveVmSwitched"), result::toString);
            assertEquals(text.replace("mode = \"passthrough\"", "mode = \"emulate\""), lsp.texts.get(config.toUri().toString()));
            assertEquals("emulate", liveMode(vm.adapter));
            assertTrue(vm.events.output.toString().contains("pflash mode switched to emulate"), vm.events.output::toString);

            // and the guest sees it: its first pflash access is served by emulation
            ContinueArguments cont = new ContinueArguments();
            cont.setThreadId(1);
            get(vm.adapter.continue_(cont));
            vm.events.terminated.poll(30, TimeUnit.SECONDS);
            String out = vm.console.toString(StandardCharsets.ISO_8859_1);
            assertTrue(out.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), out);
        }
        assertEquals(List.of(), new LiveSessionRegistry(registryDir).sessionsFor(config), "entry left after disconnect");
    }

    @Test
    void lensOnARunningVm_switchesItWithoutAStopTheClientSees() throws Exception {
        try (LiveVm vm = new LiveVm("loop.vm.toml", "guest-faults-loop.elf", false); LspTestClient lsp = new LspTestClient()) {
            Thread.sleep(200); // let it run
            Map<?, ?> result = vm.lens(lsp);
            assertEquals(true, result.get("liveVmSwitched"), result::toString);
            assertTrue(vm.events.output.toString().contains("pflash mode switched to emulate in the running VM"),
                    vm.events.output::toString);
            assertEquals(List.of(), List.copyOf(vm.events.stopped), "the switch's stop was reported");
            // the answer comes before the stop waiter has resumed the VM; a pause in that instant would
            // reach a stopped stub and be lost (as after any stop the adapter runs on from)
            Thread.sleep(300);
            get(vm.adapter.pause(new PauseArguments()));
            assertNotNull(vm.events.stopped.poll(20, TimeUnit.SECONDS), "no stop after pause");
            assertEquals("emulate", liveMode(vm.adapter));
        }
    }

    @Test
    void lensWithoutLiveVm_andABrokenRegistry_stillFlipsTheFile() throws Exception {
        Files.createDirectories(registryDir);
        Path config = dir.resolve("alone.vm.toml");
        Files.writeString(config, "[devices.pflash]\ngpa = 0x2200_0000\nmode = \"passthrough\"\n");
        Files.writeString(registryDir.resolve("broken.json"), "{ this is not json");
        Files.writeString(registryDir.resolve("foreign.json"), "[1, 2, 3]");
        // a session of a process that is gone: ignored, never called
        Files.writeString(registryDir.resolve("dead.json"), "{\"pid\": " + deadPid() + ", \"config\": \""
                + LiveSessionRegistry.realPath(config) + "\", \"port\": 1}");
        try (LspTestClient lsp = new LspTestClient()) {
            String uri = config.toUri().toString();
            lsp.open(uri, Files.readString(config));
            List<? extends CodeLens> lenses = LspTestClient.get(lsp.server.getTextDocumentService()
                    .codeLens(new CodeLensParams(LspTestClient.doc(uri))));
            Map<?, ?> result = PassthroughCodeLensTest.run(lsp, lenses.get(0));
            assertEquals("emulate", result.get("mode"));
            assertEquals(false, result.get("liveVmSwitched"));
            assertEquals("no live VM runs this file under the debug adapter", result.get("liveVm"));
            assertTrue(lsp.texts.get(uri).contains("mode = \"emulate\""));
        }
    }

    @Test
    void registry_passesOverDeadProcessesAndBrokenFiles() throws Exception {
        LiveSessionRegistry r = new LiveSessionRegistry(dir.resolve("own-registry"));
        Path config = dir.resolve("r.vm.toml");
        Files.writeString(config, "");
        Path mine = r.register(config, 4711);
        Files.writeString(r.dir().resolve("dead.json"), "{\"pid\": " + deadPid() + ", \"config\": \""
                + LiveSessionRegistry.realPath(config) + "\", \"port\": 4712}");
        Files.writeString(r.dir().resolve("half.json"), "{\"pid\": ");
        List<LiveSessionRegistry.Entry> found = r.sessionsFor(dir.resolve(".").resolve("r.vm.toml"));
        assertEquals(1, found.size(), found::toString);
        assertEquals(4711, found.get(0).port());
        assertEquals(ProcessHandle.current().pid(), found.get(0).pid());
        r.remove(mine);
        assertFalse(Files.exists(mine));
        assertEquals(List.of(), r.sessionsFor(config));
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.pid();
    }
}
