package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.ConfigText;
import dev.hvscope.plugin.vmconfig.Position;
import dev.hvscope.plugin.vmconfig.Span;
import dev.hvscope.plugin.vmconfig.VmConfig;

/** The text edit that flips a pflash mode: rewrite the mode's value, or add one under the header. */
final class PflashToggle {
    private PflashToggle() {
    }

    record Edit(Span span, String newText) {
    }

    static Edit flip(VmConfig.Pflash site, ConfigText text) {
        String value = "\"" + site.flipped() + "\"";
        if (site.modeValue() != null) {
            return new Edit(site.modeValue(), value);
        }
        int header = site.header().start().line() - 1;
        if (header + 1 >= text.lineCount()) {
            // the header is the last line: append after it, a position every client accepts
            Position end = text.position(header, text.line(header).length());
            return new Edit(new Span(end, end), "\nmode = " + value);
        }
        Position next = new Position(header + 2, 1);
        return new Edit(new Span(next, next), "mode = " + value + "\n");
    }
}
