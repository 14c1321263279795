package dev.hvscope.plugin.dap;

/**
 * Result of {@code hvscope/subscribeExits}: the kinds now subscribed, and {@code via}: {@code stub}
 * (hvscope's stub catches the exits: {@code monitor hv catch}) or {@code trap-vectors} (hidden
 * breakpoints on stvec/mtvec, classified by the adapter, for other stubs).
 */
public class SubscribeExitsResult {
    public String[] kinds;
    public String via;
}
