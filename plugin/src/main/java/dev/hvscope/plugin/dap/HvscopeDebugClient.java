package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;

/**
 * The client side as the adapter sees it: the standard DAP events plus hvscope's own. The adapter's
 * launcher is built with this interface, so its remote proxy can send {@code hvscope/vmExit}; a
 * client that does not know the event ignores it (DAP clients skip unknown events).
 */
public interface HvscopeDebugClient extends IDebugProtocolClient {
    /** {@code hvscope/vmExit}: a VM exit of a subscribed kind (see {@code hvscope/subscribeExits}). */
    @JsonNotification("hvscope/vmExit")
    void vmExit(VmExitEventArguments args);
}
