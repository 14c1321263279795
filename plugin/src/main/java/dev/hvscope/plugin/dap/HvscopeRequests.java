package dev.hvscope.plugin.dap;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The adapter's own requests for richer front ends, all in the {@code hvscope/} namespace. */
@JsonSegment("hvscope")
public interface HvscopeRequests {
    /** {@code hvscope/translate}: an address through both stages, with the walk of every level. */
    @JsonRequest
    CompletableFuture<TranslateResult> translate(TranslateArguments args);

    /**
     * {@code hvscope/table}: the table behind hgatp, vsatp or satp — mode, root, coalesced regions
     * and, paged by start/count, the leaf PTEs (value, PTE address, level).
     */
    @JsonRequest
    CompletableFuture<TableResult> table(TableArguments args);

    /** {@code hvscope/exitLog}: the total and a page of the VM exit log, latest first (hvscope's stub only). */
    @JsonRequest
    CompletableFuture<ExitLogResult> exitLog(ExitLogArguments args);

    /** {@code hvscope/setBreakpointMode}: a breakpoint's pflash mode, for clients without a breakpoint modes UI. */
    @JsonRequest
    CompletableFuture<SetBreakpointModeResult> setBreakpointMode(SetBreakpointModeArguments args);

    /**
     * {@code hvscope/subscribeExits}: the VM exit kinds (exception filter ids, {@code []} to stop)
     * that send the {@code hvscope/vmExit} event; the run goes on unless an exception filter stops it.
     */
    @JsonRequest
    CompletableFuture<SubscribeExitsResult> subscribeExits(SubscribeExitsArguments args);
}
