package dev.hvscope.core.hv;

/**
 * How a VM run ended, with the exit log and a one-line summary for the terminal.
 *
 * @param outcome      why the run ended
 * @param message      the reason in words (the guest's request, or what went wrong and where)
 * @param instructions guest instructions retired
 * @param log          every exit of the run
 * @param pflashMode   the pflash mode at the end (null when the VM has no pflash window)
 */
public record VmResult(Outcome outcome, String message, long instructions, ExitLog log, PflashMode pflashMode) {

    public enum Outcome {
        /** SBI SRST shutdown/reboot with reason "none". */
        SYSTEM_DOWN,
        /** SBI SRST with reason "system failure". */
        GUEST_FAILURE,
        /** A trap the hypervisor cannot resolve (fetch from unmapped GPA, access fault...). */
        GUEST_FAULT,
        /** WFI with nothing that could wake the guest, or its only vCPU stopped. */
        HALTED,
        /** --max-insns reached. */
        INSTRUCTION_LIMIT,
        /** --timeout reached. */
        TIMEOUT,
        /** Stopped from outside ({@link Vm#requestStop()}). */
        STOPPED
    }

    /** Process exit status: 0 clean shutdown, 1 guest failure or fault, 3 limit or timeout, 4 stopped/halted. */
    public int exitStatus() {
        switch (outcome) {
            case SYSTEM_DOWN: return 0;
            case GUEST_FAILURE:
            case GUEST_FAULT: return 1;
            case INSTRUCTION_LIMIT:
            case TIMEOUT: return 3;
            default: return 4;
        }
    }

    /** "hvscope vm: system down (shutdown); 126 exits: 1 NestedPageFault, ...; pflash passthrough; N instructions". */
    public String summaryLine() {
        String pflash = pflashMode == null ? "no pflash" : "pflash " + pflashMode.label();
        return String.format("hvscope vm: %s; %d exits: %s; %s; %d instructions", message, log.total(),
                log.countsSummary(), pflash, instructions);
    }
}
