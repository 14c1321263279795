package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@code .debug_abbrev} entry: a DIE's tag, whether it has children, and its attributes' names and forms. */
record Abbrev(long code, int tag, boolean children, int[] attrs, int[] forms, long[] implicit) {
    static final int DW_FORM_IMPLICIT_CONST = 0x21;

    /** The abbreviation table starting at {@code offset}: code to entry. */
    static Map<Long, Abbrev> table(DwarfReader section, long offset) {
        DwarfReader r = section.at(offset);
        Map<Long, Abbrev> out = new HashMap<>();
        while (true) {
            long code = r.uleb();
            if (code == 0) {
                return out;
            }
            int tag = (int) r.uleb();
            boolean children = r.u8() != 0;
            List<long[]> specs = new ArrayList<>();
            while (true) {
                long attr = r.uleb();
                long form = r.uleb();
                long implicit = form == DW_FORM_IMPLICIT_CONST ? r.sleb() : 0;
                if (attr == 0 && form == 0) {
                    break;
                }
                specs.add(new long[] {attr, form, implicit});
            }
            int[] attrs = new int[specs.size()];
            int[] forms = new int[specs.size()];
            long[] implicit = new long[specs.size()];
            for (int i = 0; i < specs.size(); i++) {
                attrs[i] = (int) specs.get(i)[0];
                forms[i] = (int) specs.get(i)[1];
                implicit[i] = specs.get(i)[2];
            }
            out.put(code, new Abbrev(code, tag, children, attrs, forms, implicit));
        }
    }
}
