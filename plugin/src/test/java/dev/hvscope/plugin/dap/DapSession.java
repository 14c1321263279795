package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;

/**
 * The debug adapter driven through a {@link DapTestClient}, with the requests the tests repeat given
 * names. Either the adapter launches its own target ({@link #launch}, QEMU) or it attaches to one of
 * hvscope's stubs that this session started on a free port ({@link #onStub}). Requests name thread 1
 * (one hart). Closing disconnects, then closes the client, the stub and the machine behind it.
 */
public class DapSession implements AutoCloseable {
    public final DapTestClient c;
    /** hvscope's stub the adapter attaches to; null when the adapter launches its own target. */
    final GdbServer stub;
    private final AutoCloseable machine;

    /** A client of a fresh adapter, nothing started yet (the adapter will launch its target). */
    DapSession() throws IOException {
        this(null, null);
    }

    /** A client of a fresh adapter that may launch what {@code policy} allows. */
    DapSession(LaunchPolicy policy) throws IOException {
        this.stub = null;
        this.machine = null;
        this.c = new DapTestClient(policy);
    }

    DapSession(GdbServer stub, AutoCloseable machine) throws IOException {
        this.stub = stub;
        this.machine = machine;
        this.c = new DapTestClient();
    }

    /** hvscope's stub on a free port serving target, and a client of a fresh adapter; machine is closed last. */
    static DapSession onStub(Debuggee target, AutoCloseable machine) throws Exception {
        return new DapSession(GdbServer.start(target, "127.0.0.1", 0, null), machine);
    }

    /** The bare-metal hypervisor example (hv-passthrough.elf as -bios, pflash#1 from the example image) under hvscope's stub. */
    static DapSession onHypervisorExample() throws Exception {
        Path ex = Qemu.examples();
        VirtMachine machine = VirtMachine.create(
                MachineConfig.builder()
                        .bios(Bios.file(ex.resolve("hv-baremetal/hv-passthrough.elf")))
                        .pflash(new PflashDrive(1, ex.resolve("pflash/pflash.img"), true))
                        .serial(SerialMode.STDIO).build(),
                null, new ByteArrayOutputStream());
        return onStub(new FullSystemDebuggee(machine), machine);
    }

    public Capabilities initialize() throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("hvscope");
        return get(c.server.initialize(init));
    }

    /** Attaches to this session's stub with the given arguments besides the port; waits a while for the initialized event. */
    public void attach(Map<String, ?> more) throws Exception {
        Map<String, Object> args = new HashMap<>(more);
        args.put("port", stub.port());
        get(c.server.attach(args));
        c.initialized.poll(10, TimeUnit.SECONDS);
    }

    /** Launches command (with {@code ${port}}) for elf; answers the initialized event, null if none came in 10 s. */
    Object launch(List<String> command, Path elf) throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("command", command);
        args.put("elf", elf.toString());
        get(c.server.launch(args));
        return c.initialized.poll(10, TimeUnit.SECONDS);
    }

    /** Ends the configuration and answers the first stop (at entry). */
    public StoppedEventArguments configurationDone() throws Exception {
        get(c.server.configurationDone(new ConfigurationDoneArguments()));
        return c.nextStop();
    }

    /** Resumes thread 1 without waiting for anything. */
    public void continueRun() throws Exception {
        ContinueArguments cont = new ContinueArguments();
        cont.setThreadId(1);
        get(c.server.continue_(cont));
    }

    public StoppedEventArguments continueToStop() throws Exception {
        continueRun();
        return c.nextStop();
    }

    /** The top frame of thread 1. */
    public StackFrame frame() throws Exception {
        return frame(1);
    }

    StackFrame frame(int threadId) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(threadId);
        return get(c.server.stackTrace(st)).getStackFrames()[0];
    }

    /** The scope of that name in thread 1's top frame. */
    public Scope scope(String name) throws Exception {
        return scope(frame().getId(), name);
    }

    Scope scope(int frameId, String name) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(frameId);
        for (Scope s : get(c.server.scopes(a)).getScopes()) {
            if (s.getName().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no scope " + name);
    }

    public Variable[] variables(int ref) throws Exception {
        return variables(ref, null, null);
    }

    /** One page of an indexed container (start and count null: all of it). */
    Variable[] variables(int ref, Integer start, Integer count) throws Exception {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(ref);
        a.setStart(start);
        a.setCount(count);
        return get(c.server.variables(a)).getVariables();
    }

    static Variable named(Variable[] vars, String name) {
        return Arrays.stream(vars).filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name + " in " + Arrays.toString(vars)));
    }

    /** An expression in the debug console (repl context). */
    String evaluate(String expression) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setContext("repl");
        return get(c.server.evaluate(a)).getResult();
    }

    /** Replaces the function breakpoints by one on name (condition may be null). */
    SetFunctionBreakpointsResponse functionBreakpoint(String name, String condition) throws Exception {
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName(name);
        fb.setCondition(condition);
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        a.setBreakpoints(new FunctionBreakpoint[] {fb});
        return get(c.server.setFunctionBreakpoints(a));
    }

    void clearFunctionBreakpoints() throws Exception {
        SetFunctionBreakpointsArguments none = new SetFunctionBreakpointsArguments();
        none.setBreakpoints(new FunctionBreakpoint[0]);
        get(c.server.setFunctionBreakpoints(none));
    }

    /** What the adapter printed to the debug console so far (output events in order). */
    public String output() {
        return String.join("", c.output);
    }

    /**
     * Waits (up to 20 s) until the output so far contains text: an output event the adapter sent while
     * answering another channel (the language server's) may still be on its way over the socket.
     */
    public void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Sets the exception filters to the one given (condition may be null: any address). */
    SetExceptionBreakpointsResponse exceptionFilter(String filterId, String condition) throws Exception {
        ExceptionFilterOptions o = new ExceptionFilterOptions();
        o.setFilterId(filterId);
        o.setCondition(condition);
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(new String[0]);
        a.setFilterOptions(new ExceptionFilterOptions[] {o});
        return get(c.server.setExceptionBreakpoints(a));
    }

    @Override
    public void close() throws Exception {
        try {
            get(c.server.disconnect(new DisconnectArguments()));
        } finally {
            c.close();
            if (stub != null) {
                stub.close();
            }
            if (machine != null) {
                machine.close();
            }
        }
    }
}
