package dev.hvscope.plugin.lsp;

import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PositionEncodingKind;

/**
 * What an LSP position's {@code character} counts (LSP 3.17 {@code PositionEncodingKind}): UTF-16
 * code units unless client and server agree on another in {@code initialize}. Converts between
 * those units and Java string indices on one line. A position inside a character (half a surrogate
 * pair, the middle of a UTF-8 sequence) moves to that character's start.
 */
enum PositionEncoding {
    UTF8(PositionEncodingKind.UTF8),
    UTF16(PositionEncodingKind.UTF16),
    UTF32(PositionEncodingKind.UTF32);

    final String kind;

    PositionEncoding(String kind) {
        this.kind = kind;
    }

    /**
     * The client's first preference among {@code general.positionEncodings} that we implement (all
     * three); UTF-16 when it names none, as LSP prescribes.
     */
    static PositionEncoding negotiate(InitializeParams params) {
        ClientCapabilities caps = params == null ? null : params.getCapabilities();
        GeneralClientCapabilities general = caps == null ? null : caps.getGeneral();
        List<String> offered = general == null ? null : general.getPositionEncodings();
        if (offered != null) {
            for (String kind : offered) {
                for (PositionEncoding e : values()) {
                    if (e.kind.equals(kind)) {
                        return e;
                    }
                }
            }
        }
        return UTF16;
    }

    /** The units from the line's start to string index {@code index}. */
    int units(String line, int index) {
        int end = Math.max(0, Math.min(index, line.length()));
        return switch (this) {
            case UTF16 -> end;
            case UTF32 -> line.codePointCount(0, end);
            case UTF8 -> utf8Length(line, end);
        };
    }

    /** The string index {@code units} units into the line (clamped to the line's end). */
    int index(String line, int units) {
        int left = Math.max(0, units);
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int width = switch (this) {
                case UTF16 -> Character.charCount(cp);
                case UTF32 -> 1;
                case UTF8 -> cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            };
            if (left < width) {
                break;
            }
            left -= width;
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int utf8Length(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; ) {
            int cp = s.codePointAt(i);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return n;
    }
}
