package dev.hvscope.plugin.dap;

import java.util.Map;
import org.eclipse.lsp4j.debug.RestartArguments;

/** restart: ends the debuggee, then launches (or attaches) again with the same arguments; breakpoints stay. */
final class RestartHandler implements RequestHandler<RestartArguments, Void> {
    @Override
    public Void handle(RestartArguments args, DebugSession session) {
        Map<String, Object> last = session.launchArgs();
        if (last == null) {
            throw DapError.state("restart before launch or attach");
        }
        boolean launched = session.launchedByUs();
        session.closeTarget(launched);
        session.symbols().images().clear();
        if (launched) {
            LaunchHandler.launch(session, last);
        } else {
            TargetConnector.loadElfs(session, last);
            TargetConnector.connect(session, StubAddress.of(last), 3_000, null);
            session.rememberLaunch(last, false);
            LiveVmHook.register(session, last);
        }
        session.configurationDone();
        return null;
    }
}
