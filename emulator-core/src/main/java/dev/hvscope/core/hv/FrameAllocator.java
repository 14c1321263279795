package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Host-physical 4 KiB frames inside the machine's emulated RAM, handed out to the hosted hypervisor
 * (page tables, guest RAM, emulated device pages). The hypervisor owns host RAM, so guest RAM ends
 * up at host addresses unrelated to its guest-physical ones, and the G-stage is visible.
 *
 * <p>A bump pointer over [start, end) plus a free list; frames are zeroed when handed out.
 */
public final class FrameAllocator {
    public static final long FRAME_SIZE = 4096;

    private final Ram ram;
    private final long start;
    private final long end;
    private long next;
    private final Deque<Long> free = new ArrayDeque<>();
    private long inUse;

    /** Frames from host RAM [start, end); both 4 KiB aligned and inside RAM. */
    public FrameAllocator(Ram ram, long start, long end) {
        if ((start & 0xfff) != 0 || (end & 0xfff) != 0 || start >= end || !ram.contains(start, end - start)) {
            throw new IllegalArgumentException(String.format("frame pool [%#x, %#x) is not 4 KiB aligned host RAM",
                    start, end));
        }
        this.ram = ram;
        this.start = start;
        this.end = end;
        this.next = start;
    }

    /** One zeroed frame; throws {@link OutOfFramesException} when the pool is exhausted. */
    public long alloc() {
        long hpa;
        if (!free.isEmpty()) {
            hpa = free.pop();
        } else {
            if (next >= end) {
                throw new OutOfFramesException(String.format(
                        "host RAM for the hypervisor is exhausted (%d KiB pool at %#x)", (end - start) >> 10, start));
            }
            hpa = next;
            next += FRAME_SIZE;
        }
        zero(hpa, FRAME_SIZE);
        inUse++;
        return hpa;
    }

    /**
     * {@code count} contiguous zeroed frames aligned to {@code align} bytes (G-stage roots: 4 frames,
     * 16 KiB aligned). Taken from the bump pointer; the alignment gap goes to the free list.
     */
    public long allocContiguous(int count, long align) {
        long base = (next + align - 1) & -align;
        long size = count * FRAME_SIZE;
        if (base + size > end) {
            throw new OutOfFramesException(String.format("no %d KiB of contiguous host RAM left at %#x",
                    size >> 10, next));
        }
        for (long gap = next; gap < base; gap += FRAME_SIZE) {
            free.push(gap);
        }
        next = base + size;
        zero(base, size);
        inUse += count;
        return base;
    }

    public void free(long hpa) {
        if ((hpa & 0xfff) != 0 || hpa < start || hpa >= next) {
            throw new IllegalArgumentException(String.format("%#x is not a frame of this pool", hpa));
        }
        free.push(hpa);
        inUse--;
    }

    public long framesInUse() {
        return inUse;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    private void zero(long hpa, long size) {
        for (long a = hpa; a < hpa + size; a += 8) {
            ram.write(a, 8, 0);
        }
    }

    /** The hypervisor's pool ran dry. */
    public static final class OutOfFramesException extends RuntimeException {
        public OutOfFramesException(String message) {
            super(message);
        }
    }
}
