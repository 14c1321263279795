package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Type spelling, sizes and value text on hand-made types, including the cycles corrupt DWARF can make. */
class DwarfTypeTest {
    private static DwarfType base(String name, long size, DwarfType.Encoding e) {
        DwarfType t = new DwarfType(DwarfType.Kind.BASE);
        t.name = name;
        t.byteSize = size;
        t.encoding = e;
        return t;
    }

    private static DwarfType of(DwarfType.Kind kind, DwarfType target) {
        DwarfType t = new DwarfType(kind);
        t.target = target;
        return t;
    }

    @Test
    void cyclicTypes_fromCorruptDwarf_endInsteadOfOverflowingTheStack() {
        DwarfType loop = of(DwarfType.Kind.TYPEDEF, null);
        loop.target = loop;
        assertEquals(0, loop.size());
        assertEquals("<unknown size>", ValueFormat.format(loop, new byte[8], 0));
        DwarfType p = of(DwarfType.Kind.POINTER, null);
        p.target = p;
        assertEquals(8, p.size());
        assertEquals("?", p.displayName().replace("*", "").trim());
        DwarfType a = of(DwarfType.Kind.ARRAY, null);
        a.count = 2;
        a.target = a;
        assertEquals(0, a.size());
    }

    @Test
    void spelling_putsQualifiersAndDeclaratorsWhereCDoes() {
        DwarfType ch = base("char", 1, DwarfType.Encoding.SIGNED_CHAR);
        assertEquals("const char *", of(DwarfType.Kind.POINTER, of(DwarfType.Kind.CONST, ch)).displayName());
        assertEquals("char *const", of(DwarfType.Kind.CONST, of(DwarfType.Kind.POINTER, ch)).displayName());
        DwarfType arr = of(DwarfType.Kind.ARRAY, ch);
        arr.count = 4;
        assertEquals("char (*)[4]", of(DwarfType.Kind.POINTER, arr).displayName());
        assertEquals("void *", of(DwarfType.Kind.POINTER, null).displayName());
    }

    @Test
    void scalars_formatAsGdbDoes() {
        DwarfType u32 = base("unsigned int", 4, DwarfType.Encoding.UNSIGNED);
        DwarfType i16 = base("short", 2, DwarfType.Encoding.SIGNED);
        DwarfType b = base("_Bool", 1, DwarfType.Encoding.BOOLEAN);
        DwarfType uc = base("unsigned char", 1, DwarfType.Encoding.UNSIGNED_CHAR);
        assertEquals("4294967295", ValueFormat.scalar(u32, -1));
        assertEquals("-2", ValueFormat.scalar(i16, 0xfffe));
        assertEquals("false", ValueFormat.scalar(b, 0));
        assertEquals("10 '\\n'", ValueFormat.scalar(uc, 10));
        assertEquals("200 '\\310'", ValueFormat.scalar(uc, 200));
        assertEquals("0x80001000", ValueFormat.scalar(of(DwarfType.Kind.POINTER, u32), 0x8000_1000L));
        DwarfType e = new DwarfType(DwarfType.Kind.ENUM);
        e.byteSize = 4;
        e.encoding = DwarfType.Encoding.SIGNED;
        e.enumerators.put(-1L, "BAD");
        assertEquals("BAD", ValueFormat.scalar(e, 0xffff_ffffL));
        assertEquals("7", ValueFormat.scalar(e, 7));
    }
}
