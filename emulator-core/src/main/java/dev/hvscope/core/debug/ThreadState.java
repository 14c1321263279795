package dev.hvscope.core.debug;

/**
 * What a debugger shows for one hart or vCPU.
 *
 * @param privilege 0 (U), 1 (S), 3 (M)
 * @param virtualized the V bit
 * @param waiting the hart sits in WFI
 */
public record ThreadState(int id, int privilege, boolean virtualized, boolean running, boolean waiting) {
    /** M, HS, U, VS or VU. */
    public String modeName() {
        return modeName(privilege, virtualized);
    }

    public static String modeName(int privilege, boolean virtualized) {
        switch (privilege) {
            case 3: return "M";
            case 1: return virtualized ? "VS" : "HS";
            default: return virtualized ? "VU" : "U";
        }
    }
}
