package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;

/** configurationDone: report the entry stop, or run. */
final class ConfigurationDoneHandler implements RequestHandler<ConfigurationDoneArguments, Void> {
    @Override
    public Void handle(ConfigurationDoneArguments args, DebugSession session) {
        session.requireInitialized();
        if (!session.connected()) {
            throw DapError.state("configurationDone before launch or attach");
        }
        session.configurationDone();
        return null;
    }
}
