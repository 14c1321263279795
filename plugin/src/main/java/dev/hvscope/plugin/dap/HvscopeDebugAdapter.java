package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * The hvscope debug adapter: an RSP client behind the Debug Adapter Protocol. Every request
 * method is one line handing its arguments to the handler registered for it in
 * {@link #registerHandlers} [java-debug]; a handler's failure becomes an error response, never a
 * dead adapter. Requests the table does not list answer with lsp4j's "unsupported" error.
 */
public final class HvscopeDebugAdapter implements IDebugProtocolServer, HvscopeRequests {
    private final DebugSession session;
    private final Map<String, RequestHandler<?, ?>> handlers = new HashMap<>();

    public HvscopeDebugAdapter() {
        this(LaunchPolicy.hvscopeOnly());
    }

    /** An adapter whose launch requests may start what {@code launchPolicy} allows. */
    public HvscopeDebugAdapter(LaunchPolicy launchPolicy) {
        session = new DebugSession(launchPolicy);
        registerHandlers();
    }

    /** The one place that lists which class serves which request. */
    private void registerHandlers() {
        handlers.put("initialize", new InitializeHandler());
        handlers.put("launch", new LaunchHandler());
        handlers.put("attach", new AttachHandler());
        handlers.put("configurationDone", new ConfigurationDoneHandler());
        handlers.put("threads", new ThreadsHandler());
        handlers.put("stackTrace", new StackTraceHandler());
        handlers.put("scopes", new ScopesHandler());
        handlers.put("variables", new VariablesHandler());
        handlers.put("setVariable", new SetVariableHandler());
        handlers.put("continue", new ContinueHandler());
        handlers.put("step", new StepHandler());
        handlers.put("next", new NextHandler());
        handlers.put("stepOut", new StepOutHandler());
        handlers.put("pause", new PauseHandler());
        handlers.put("setBreakpoints", new SetBreakpointsHandler());
        handlers.put("breakpointLocations", new BreakpointLocationsHandler());
        handlers.put("setFunctionBreakpoints", new SetFunctionBreakpointsHandler());
        handlers.put("setInstructionBreakpoints", new SetInstructionBreakpointsHandler());
        handlers.put("dataBreakpointInfo", new DataBreakpointInfoHandler());
        handlers.put("setDataBreakpoints", new SetDataBreakpointsHandler());
        handlers.put("setExceptionBreakpoints", new SetExceptionBreakpointsHandler());
        handlers.put("exceptionInfo", new ExceptionInfoHandler());
        handlers.put("readMemory", new ReadMemoryHandler());
        handlers.put("writeMemory", new WriteMemoryHandler());
        handlers.put("disassemble", new DisassembleHandler());
        handlers.put("evaluate", new EvaluateHandler());
        handlers.put("disconnect", new DisconnectHandler());
        handlers.put("terminate", new TerminateHandler());
        handlers.put("restart", new RestartHandler());
        handlers.put("hvscope/translate", new TranslateHandler());
        handlers.put("hvscope/table", new TableHandler());
        handlers.put("hvscope/exitLog", new ExitLogHandler());
        handlers.put("hvscope/setBreakpointMode", new SetBreakpointModeHandler());
        handlers.put("hvscope/subscribeExits", new SubscribeExitsHandler());
    }

    /** The client side of the connection, for events. */
    public void connect(IDebugProtocolClient client) {
        session.setClient(client);
    }

    /** Ends the target when the client connection goes away. */
    public void shutdown() {
        session.closeTarget(session.launchedByUs());
        session.dispose();
    }

    @SuppressWarnings("unchecked")
    private <A, R> CompletableFuture<R> dispatch(String command, A args) {
        RequestHandler<A, R> h = (RequestHandler<A, R>) handlers.get(command);
        try {
            return CompletableFuture.completedFuture(h.handle(args, session));
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RspException e) {
            return CompletableFuture.failedFuture(DapError.failed(e.getMessage()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(DapError.failed(command + " failed: " + e));
        }
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return dispatch("initialize", args);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return dispatch("launch", args);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return dispatch("attach", args);
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return dispatch("configurationDone", args);
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return dispatch("threads", null);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return dispatch("stackTrace", args);
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return dispatch("scopes", args);
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return dispatch("variables", args);
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return dispatch("setVariable", args);
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return dispatch("continue", args);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return dispatch("next", args);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return dispatch("step", args);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return dispatch("stepOut", args);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return dispatch("pause", args);
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return dispatch("setBreakpoints", args);
    }

    @Override
    public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(BreakpointLocationsArguments args) {
        return dispatch("breakpointLocations", args);
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        return dispatch("setFunctionBreakpoints", args);
    }

    @Override
    public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(
            SetInstructionBreakpointsArguments args) {
        return dispatch("setInstructionBreakpoints", args);
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return dispatch("dataBreakpointInfo", args);
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return dispatch("setDataBreakpoints", args);
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return dispatch("setExceptionBreakpoints", args);
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return dispatch("exceptionInfo", args);
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return dispatch("readMemory", args);
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return dispatch("writeMemory", args);
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return dispatch("disassemble", args);
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return dispatch("evaluate", args);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return dispatch("disconnect", args);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return dispatch("terminate", args);
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return dispatch("restart", args);
    }

    @Override
    public CompletableFuture<TranslateResult> translate(TranslateArguments args) {
        return dispatch("hvscope/translate", args);
    }

    @Override
    public CompletableFuture<TableResult> table(TableArguments args) {
        return dispatch("hvscope/table", args);
    }

    @Override
    public CompletableFuture<ExitLogResult> exitLog(ExitLogArguments args) {
        return dispatch("hvscope/exitLog", args);
    }

    @Override
    public CompletableFuture<SetBreakpointModeResult> setBreakpointMode(SetBreakpointModeArguments args) {
        return dispatch("hvscope/setBreakpointMode", args);
    }

    @Override
    public CompletableFuture<SubscribeExitsResult> subscribeExits(SubscribeExitsArguments args) {
        return dispatch("hvscope/subscribeExits", args);
    }
}
