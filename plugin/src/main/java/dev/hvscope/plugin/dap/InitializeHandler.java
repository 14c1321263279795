package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

/** initialize: the capabilities. Exception filters and breakpoint modes each come from one method. */
final class InitializeHandler implements RequestHandler<InitializeRequestArguments, Capabilities> {
    @Override
    public Capabilities handle(InitializeRequestArguments args, DebugSession session) {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsInstructionBreakpoints(true);
        c.setSupportsDataBreakpoints(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsWriteMemoryRequest(true);
        c.setSupportsDisassembleRequest(true);
        c.setSupportsSteppingGranularity(true);
        c.setSupportsBreakpointLocationsRequest(true);
        c.setSupportsSetVariable(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportTerminateDebuggee(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setExceptionBreakpointFilters(VmExitFilters.all());
        c.setSupportsExceptionFilterOptions(true);
        c.setBreakpointModes(BreakpointModes.all());
        session.markInitialized();
        return c;
    }
}
