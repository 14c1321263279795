package dev.hvscope.plugin.dap;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;

/**
 * scopes: Locals (when the pc is in a function DWARF describes), Registers, CSRs, Hypervisor, G-stage mappings, Guest mappings (the last two scanned on
 * demand), the VM exit log when the stub offers hvscope's exit view, and the settable pflash
 * mode when it runs a hosted VM, then the DWARF globals of the loaded ELFs.
 */
final class ScopesHandler implements RequestHandler<ScopesArguments, ScopesResponse> {
    @Override
    public ScopesResponse handle(ScopesArguments args, DebugSession session) {
        Args.require(args, "scopes");
        session.rsp();
        long tid = Frames.thread(session, args.getFrameId());
        VariableStore store = session.variables();
        List<Scope> scopes = new ArrayList<>(List.of(
            scope("Registers", store.add(new RegistersScope(session, tid)), "registers", false),
            scope("CSRs", store.add(new CsrScope(session, tid)), null, false),
            scope("Hypervisor", store.add(new HypervisorScope(session, tid)), null, false),
            scope("G-stage mappings", store.add(new MappingsScope(session, tid, MappingsScope.Kind.G_STAGE)), null, true),
            scope("Guest mappings", store.add(new MappingsScope(session, tid, MappingsScope.Kind.GUEST)), null, true)));
        java.util.Optional.ofNullable(LocalsScope.ifAvailable(session, tid)).ifPresent(l -> scopes.add(0, scope("Locals", store.add(l), "locals", false)));
        if (ExitLogScope.available(session)) {
            scopes.add(scope("VM exit log", store.add(new ExitLogScope(session)), null, false));
        }
        PflashScope pflash = PflashScope.ifAvailable(session);
        if (pflash != null) {
            scopes.add(scope("pflash", store.add(pflash), null, false));
        }
        if (GlobalsScope.available(session)) {
            scopes.add(scope("Globals", store.add(new GlobalsScope(session, tid)), null, false));
        }
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes.toArray(new Scope[0]));
        return r;
    }

    private static Scope scope(String name, int ref, String hint, boolean expensive) {
        Scope s = new Scope();
        s.setName(name);
        s.setVariablesReference(ref);
        s.setPresentationHint(hint);
        s.setExpensive(expensive);
        return s;
    }
}
