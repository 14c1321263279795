package dev.hvscope.plugin.lsp.analysis;

/**
 * Where a config sets the pflash mode: the {@code [devices.pflash]} header (where the lens goes)
 * and the mode's value, if written (null: the default, passthrough).
 */
public record PflashSite(TextRange header, String mode, TextRange modeValue) {

    /** The other mode. */
    public String flipped() {
        return "emulate".equals(mode) ? "passthrough" : "emulate";
    }
}
