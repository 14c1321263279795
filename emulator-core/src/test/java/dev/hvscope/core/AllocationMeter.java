package dev.hvscope.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** How many bytes the current thread allocates while it runs some work (the hot-path tests' measure). */
public final class AllocationMeter {
    private AllocationMeter() {
    }

    /** Bytes allocated by {@code work} on this thread; skips the test on a JVM that cannot count them. */
    public static long bytesAllocatedBy(Runnable work) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        work.run();
        return mx.getThreadAllocatedBytes(thread) - before;
    }
}
