package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.plugin.dap.HostedDapSession;
import dev.hvscope.plugin.live.LiveSessionRegistry;
import dev.hvscope.plugin.live.RuntimeDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
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
        System.setProperty(RuntimeDir.PROPERTY, dir.resolve("run").toString());
        registryDir = dir.resolve("run").resolve("sessions");
    }

    @AfterAll
    static void standardRegistry() {
        System.clearProperty(RuntimeDir.PROPERTY);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** The live VM's pflash mode, read back through the adapter's pflash scope. */
    private static String liveMode(HostedDapSession dap) throws Exception {
        return dap.variables(dap.scope("pflash").getVariablesReference())[0].getValue();
    }

    /** A hosted VM from the demo config (with another guest when elf is given) behind hvscope's stub, and the adapter attached. */
    private static final class LiveVm implements AutoCloseable {
        final HostedDapSession dap;
        final Path config;

        LiveVm(String name, String guest, boolean stopOnEntry) throws Exception {
            Path examples = LspTestClient.samplePath().getParent().resolveSibling("examples");
            Path elf = examples.resolve("pflash-guest").resolve(guest);
            config = dir.resolve(name);
            Files.writeString(config, Files.readString(examples.resolve("pflash/vm.toml"))
                    .replace("\"../pflash-guest/pflash-guest.elf\"", "\"" + elf + "\"")
                    .replace("\"pflash", "\"" + examples.resolve("pflash") + "/pflash"));
            dap = HostedDapSession.start(elf, 0x1000L);
            dap.initialize();
            dap.attach(Map.of("vmConfig", config.toString(), "stopOnEntry", stopOnEntry));
            get(dap.c.server.configurationDone(new ConfigurationDoneArguments()));
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
            dap.close();
        }
    }

    @Test
    void lensOnAStoppedVm_flipsTheFileAndTheLiveVm() throws Exception {
        Path config;
        try (LiveVm vm = new LiveVm("vm.toml", "pflash-guest.elf", true); LspTestClient lsp = new LspTestClient()) {
            config = vm.config;
            assertNotNull(vm.dap.c.stopped.poll(20, TimeUnit.SECONDS), "no stop at entry");
            assertEquals(1, new LiveSessionRegistry(registryDir).sessionsFor(config).size());
            assertEquals("passthrough", liveMode(vm.dap));
            String text = Files.readString(config);

            Map<?, ?> result = vm.lens(lsp);

            assertEquals("emulate", result.get("mode"));
            assertEquals(true, result.get("liveVmSwitched"), result::toString);
            assertEquals(text.replace("mode = \"passthrough\"", "mode = \"emulate\""), lsp.texts.get(config.toUri().toString()));
            assertEquals("emulate", liveMode(vm.dap));
            assertTrue(vm.dap.output().contains("pflash mode switched to emulate"), vm.dap::output);

            // and the guest sees it: its first pflash access is served by emulation
            vm.dap.continueRun();
            vm.dap.c.terminated.poll(30, TimeUnit.SECONDS);
            String out = vm.dap.consoleText();
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
            // the output event comes over the DAP socket, the answer over the language server: not in order
            vm.dap.awaitOutput("pflash mode switched to emulate in the running VM");
            assertTrue(vm.dap.output().contains("pflash mode switched to emulate in the running VM"),
                    vm.dap::output);
            assertEquals(List.of(), List.copyOf(vm.dap.c.stopped), "the switch's stop was reported");
            // the answer comes before the stop waiter has resumed the VM; a pause in that instant would
            // reach a stopped stub and be lost (as after any stop the adapter runs on from)
            Thread.sleep(300);
            get(vm.dap.c.server.pause(new PauseArguments()));
            assertNotNull(vm.dap.c.stopped.poll(20, TimeUnit.SECONDS), "no stop after pause");
            assertEquals("emulate", liveMode(vm.dap));
        }
    }

    @Test
    void lensWithoutLiveVm_andABrokenRegistry_stillFlipsTheFile() throws Exception {
        RuntimeDir.open("sessions");
        Path config = dir.resolve("alone.vm.toml");
        Files.writeString(config, "[devices.pflash]\ngpa = 0x2200_0000\nmode = \"passthrough\"\n");
        Files.writeString(registryDir.resolve("broken.json"), "{ this is not json");
        Files.writeString(registryDir.resolve("foreign.json"), "[1, 2, 3]");
        // a session of a process that is gone: ignored, never called
        Files.writeString(registryDir.resolve("dead.json"), "{\"pid\": " + deadPid() + ", \"config\": \""
                + LiveSessionRegistry.realPath(config) + "\", \"socket\": \"/nonexistent.sock\"}");
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
        Path socket = r.newSocket();
        Path mine = r.register(config, socket);
        Files.writeString(r.dir().resolve("dead.json"), "{\"pid\": " + deadPid() + ", \"config\": \""
                + LiveSessionRegistry.realPath(config) + "\", \"socket\": \"/nonexistent.sock\"}");
        Files.writeString(r.dir().resolve("half.json"), "{\"pid\": ");
        List<LiveSessionRegistry.Entry> found = r.sessionsFor(dir.resolve(".").resolve("r.vm.toml"));
        assertEquals(1, found.size(), found::toString);
        assertEquals(socket, found.get(0).socket());
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
