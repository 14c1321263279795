package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.VmConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a parsed config an editor shows (tables, memory regions, devices, the pflash
 * window), each with its hover: what the G-stage will map for it (GPA → HPA, page sizes, table
 * pages), computed by {@link GStagePlan}.
 */
final class ConfigItems {
    private ConfigItems() {
    }

    static List<ConfigItem> of(VmConfig c) {
        List<ConfigItem> items = new ArrayList<>();
        for (VmConfig.Table t : c.tables()) {
            items.add(new ConfigItem(ConfigItem.Kind.TABLE, t.name(), null, "[" + t.name() + "]", t.whole(), t.header(),
                    "**[" + t.name() + "]**"));
        }
        int i = 0;
        for (VmConfig.MemoryRegion r : c.kernel().memoryRegions()) {
            items.add(region("memory region " + i++, r));
        }
        for (VmConfig.PassthroughDevice d : c.devices().passthrough()) {
            String hover = "**" + d.name() + "** (passthrough): map_linear " + Hex.of(d.gpa()) + " → " + Hex.of(d.hpa())
                    + ", " + Hex.size(d.size());
            if (mappable(d.gpa(), d.size())) {
                hover += "\n\n" + GStagePlan.linear(d.gpa(), d.hpa(), d.size()).toMarkdown();
            }
            items.add(new ConfigItem(ConfigItem.Kind.PASSTHROUGH_DEVICE, d.name(), "devices",
                    "passthrough " + Hex.of(d.gpa()) + " → " + Hex.of(d.hpa()), d.span(), d.span(), hover));
        }
        for (VmConfig.EmulatedDevice d : c.devices().emulated()) {
            items.add(new ConfigItem(ConfigItem.Kind.EMULATED_DEVICE, d.name(), "devices",
                    "emulated " + Hex.of(d.gpa()) + " " + Hex.size(d.size()), d.span(), d.span(),
                    "**" + d.name() + "** (emulated): " + Hex.of(d.gpa()) + ".." + Hex.of(d.gpa() + d.size())
                            + "\n\nNo G-stage mapping: every access is a guest-page fault the hypervisor turns"
                            + " into an MMIO exit, answered by: " + d.modelDescription() + ".\n\nG-stage table pages: 0"));
        }
        VmConfig.Pflash p = c.devices().pflash();
        if (p != null && c.has("devices.pflash.gpa") && mappable(p.gpa(), p.size())) {
            items.add(pflash(c, p));
        }
        return items;
    }

    private static ConfigItem region(String name, VmConfig.MemoryRegion r) {
        boolean identical = r.mapType() == VmConfig.MemoryRegion.MAP_IDENTICAL;
        StringBuilder hover = new StringBuilder("**" + name + "** " + Hex.of(r.gpa()) + "..")
                .append(Hex.of(r.end())).append(" (").append(Hex.size(r.size())).append(")\n\n")
                .append(identical ? "MAP_IDENTICAL: map_linear(GPA = HPA)" : "MAP_ALLOC: map_alloc(populate)")
                .append(", flags ").append(GStagePlan.flagNames(r.flags())).append(" → leaf PTE ")
                .append(Hex.of(GStagePlan.leafPte(r.flags()))).append("\n\n");
        if (mappable(r.gpa(), r.size())) {
            GStagePlan plan = identical ? GStagePlan.linear(r.gpa(), r.gpa(), r.size())
                    : GStagePlan.allocated(r.gpa(), r.size());
            hover.append(plan.toMarkdown());
        }
        return new ConfigItem(ConfigItem.Kind.MEMORY_REGION, name, "kernel",
                Hex.of(r.gpa()) + " " + Hex.size(r.size()) + (identical ? " identical" : " alloc"), r.span(), r.span(),
                hover.toString());
    }

    private static ConfigItem pflash(VmConfig c, VmConfig.Pflash p) {
        boolean emulate = VmConfig.Pflash.EMULATE.equals(p.mode());
        GStagePlan plan = emulate ? GStagePlan.allocated(p.gpa(), p.size()) : GStagePlan.linear(p.gpa(), p.gpa(), p.size());
        String how = emulate
                ? "emulate: map_alloc a frame for the faulting page and fill it from emulate_image"
                : "passthrough: map_linear the faulting page onto the board's pflash#1 (GPA = HPA)";
        VmConfig.Table table = c.tables().stream().filter(t -> t.name().equals("devices.pflash")).findFirst().orElse(null);
        return new ConfigItem(ConfigItem.Kind.PFLASH, "pflash", "devices", p.mode() + " " + Hex.of(p.gpa()),
                table == null ? p.header() : table.whole(), p.header(),
                "**pflash** " + Hex.of(p.gpa()) + ".." + Hex.of(p.gpa() + p.size()) + ", mode "
                        + (c.has("devices.pflash.mode") ? p.mode() : p.mode() + " (default)")
                        + "\n\nMapped on the first access (a nested page fault), " + how
                        + ". Once every page was touched:\n\n" + plan.toMarkdown());
    }

    /** A range the G-stage can map at all (the checks report the others). */
    private static boolean mappable(long gpa, long size) {
        return size > 0 && gpa >= 0 && gpa + size <= GStagePlan.GPA_LIMIT && gpa + size > gpa;
    }
}
