package dev.hvscope.plugin.live;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * What a debug adapter running a hosted VM serves on its control socket (a Unix domain socket in
 * the private {@link RuntimeDir}; JSON-RPC with LSP framing), so that other hvscope processes (the language server's pflash lens) can act on the
 * live VM. Found through {@link LiveSessionRegistry}.
 */
@JsonSegment("hvscope")
public interface SessionControl {

    /** {@code hvscope/setPflashMode}: switch the live VM's pflash mode. */
    @JsonRequest
    CompletableFuture<PflashModeResult> setPflashMode(PflashModeParams params);

    /** @see #setPflashMode */
    final class PflashModeParams {
        /** "passthrough" or "emulate". */
        public String mode;

        public PflashModeParams() {
        }

        public PflashModeParams(String mode) {
            this.mode = mode;
        }
    }

    /** Whether the live VM was switched, and what the adapter said about it. */
    final class PflashModeResult {
        public boolean switched;
        /** The VM's mode afterwards, when known. */
        public String mode;
        public String message;

        public PflashModeResult() {
        }

        public PflashModeResult(boolean switched, String mode, String message) {
            this.switched = switched;
            this.mode = mode;
            this.message = message;
        }
    }
}
