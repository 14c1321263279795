package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.Span;

/**
 * Something in a VM config an editor shows: a table, a memory region, a device. Items inside a
 * table have its name as {@code parent}.
 *
 * @param range     the whole item (a table: header to its last line)
 * @param selection the part to highlight (a table's header, an entry's brackets)
 * @param hover     Markdown for a hover, with the G-stage mappings for regions and devices
 */
record ConfigItem(Kind kind, String name, String parent, String detail, Span range, Span selection, String hover) {

    enum Kind { TABLE, MEMORY_REGION, PASSTHROUGH_DEVICE, EMULATED_DEVICE, PFLASH }
}
