package dev.hvscope.core.hart.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class ClassFileTest {
    private static final String NAME = "dev/hvscope/core/hart/jit/Probe";
    private static final int LDIV = 0x6d;

    private static MethodHandle define(ClassFile cf, String method, MethodType type) throws Exception {
        MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(cf.toBytes(), true);
        return l.findStatic(l.lookupClass(), method, type);
    }

    private static ClassFile probe() {
        return new ClassFile(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER, NAME, "java/lang/Object");
    }

    @Test
    void backwardJumpLoop_sumsOneToN() throws Throwable {
        // static long sum(long n) { long s = 0; while (n != 0) { s += n; n -= 1; } return s; }
        ClassFile cf = probe();
        Code c = new Code(4);
        c.lconst(cf, 0).lstore(2);
        Code.Label top = new Code.Label();
        Code.Label done = new Code.Label();
        c.bind(top, false);
        c.lload(0).lconst(cf, 0).op(Code.LCMP, -3).jump(Code.IFEQ, done, -1);
        c.lload(2).lload(0).op(Code.LADD, -2).lstore(2);
        c.lload(0).lconst(cf, 1).op(Code.LSUB, -2).lstore(0);
        c.jump(Code.GOTO, top, 0);
        c.bind(done, true);
        c.lload(2).op(Code.LRETURN, -2);
        cf.method(ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, "sum", "(J)J", c);
        MethodHandle sum = define(cf, "sum", MethodType.methodType(long.class, long.class));
        assertEquals(5050L, (long) sum.invokeExact(100L));
        assertEquals(0L, (long) sum.invokeExact(0L));
        assertEquals(4, c.maxStack());   // two longs on the stack at most
    }

    @Test
    void largeConstants_comeFromThePoolOnceEach() throws Throwable {
        ClassFile cf = probe();
        int a = cf.longConst(0x1234_5678_9abc_def0L);
        int b = cf.longConst(0x1234_5678_9abc_def0L);
        assertEquals(a, b);
        Code c = new Code(2);
        c.lconst(cf, 0x1234_5678_9abc_def0L).lload(0).op(Code.LXOR, -2);
        c.iconst(cf, 100_000).op(Code.I2L, 1).op(Code.LADD, -2).op(Code.LRETURN, -2);
        cf.method(ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, "mix", "(J)J", c);
        MethodHandle mix = define(cf, "mix", MethodType.methodType(long.class, long.class));
        assertEquals((0x1234_5678_9abc_def0L ^ 7L) + 100_000, (long) mix.invokeExact(7L));
    }

    @Test
    void exceptionHandler_catchesOnlyItsRange() throws Throwable {
        // static long quot(long a, long b) { try { return a / b; } catch (ArithmeticException e) { return -1; } }
        ClassFile cf = probe();
        Code c = new Code(5);
        int start = c.position();
        c.lload(0).lload(2).op(LDIV, -2).op(Code.LRETURN, -2);
        int end = c.position();
        int handler = c.position();
        c.enterHandler();
        c.astore(4).lconst(cf, -1).op(Code.LRETURN, -2);
        c.handler(start, end, handler, cf.classRef("java/lang/ArithmeticException"));
        cf.method(ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, "quot", "(JJ)J", c);
        MethodHandle quot = define(cf, "quot", MethodType.methodType(long.class, long.class, long.class));
        assertEquals(6L, (long) quot.invokeExact(42L, 7L));
        assertEquals(-1L, (long) quot.invokeExact(42L, 0L));
    }

    @Test
    void stackUnderflow_isRejectedWhileEmitting() {
        Code c = new Code(1);
        assertThrows(IllegalStateException.class, () -> c.op(Code.LADD, -2));
    }

    @Test
    void labelReachedWithDifferentStackDepths_isRejected() {
        ClassFile cf = probe();
        Code c = new Code(1);
        Code.Label l = new Code.Label();
        c.iconst(cf, 1).jump(Code.IFEQ, l, -1);
        c.iconst(cf, 2);
        assertThrows(IllegalStateException.class, () -> c.bind(l, false));
    }
}
