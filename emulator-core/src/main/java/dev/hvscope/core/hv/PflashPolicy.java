package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The tour's pflash handling, per 4 KiB page of the guest's pflash#1 window (GPA 0x2200_0000 in the
 * tour): nothing is mapped up front, so the guest's first access is a nested page fault, and the
 * page is then served by the current {@link PflashMode}. Switching the mode unmaps every page served
 * so far (with the fence), so the next access faults again and meets the new mode.
 */
public final class PflashPolicy {
    /** The tour's flags for both answers: READ|WRITE|EXECUTE|USER (0xf). */
    static final int FLAGS = MappingFlags.RWXU;

    private final long gpa;
    private final long size;
    private final long hostBase;
    private final Path emulateImage;
    private PflashMode mode;
    private final List<Long> servedPages = new ArrayList<>();

    /**
     * @param gpa          guest-physical base of the window (4 KiB aligned)
     * @param size         window size in bytes
     * @param hostBase     host-physical base of the board's flash bank (passthrough target)
     * @param emulateImage image whose bytes fill emulated pages (offset = gpa - window base); may be
     *                     null when only passthrough is used
     */
    public PflashPolicy(long gpa, long size, long hostBase, Path emulateImage, PflashMode mode) {
        this.gpa = gpa;
        this.size = size;
        this.hostBase = hostBase;
        this.emulateImage = emulateImage;
        this.mode = mode;
    }

    public PflashMode mode() {
        return mode;
    }

    public long gpa() {
        return gpa;
    }

    public long size() {
        return size;
    }

    public Path emulateImage() {
        return emulateImage;
    }

    /** Pages served since the last switch, in fault order. */
    public List<Long> servedPages() {
        return List.copyOf(servedPages);
    }

    public boolean covers(long faultGpa) {
        return faultGpa >= gpa && faultGpa - gpa < size;
    }

    /**
     * Serves the page holding faultGpa: passthrough maps it linearly onto the board's bank,
     * emulate allocates a frame and copies the image's bytes for that page into it (zeros past
     * the file's end, as mmap). Returns what was done, for the exit log.
     */
    public String serve(long faultGpa, GuestAddressSpace space, Ram ram) {
        long page = faultGpa & -GuestAddressSpace.PAGE_SIZE;
        long hpa;
        String how;
        if (mode == PflashMode.PASSTHROUGH) {
            hpa = hostBase + (page - gpa);
            space.mapLinear(page, hpa, GuestAddressSpace.PAGE_SIZE, FLAGS | MappingFlags.DEVICE);
            how = String.format("passthrough: map_linear gpa %#x -> hpa %#x (board pflash)", page, hpa);
        } else {
            if (emulateImage == null) {
                throw new IllegalStateException("emulate mode needs an image file");
            }
            space.mapAlloc(page, GuestAddressSpace.PAGE_SIZE, FLAGS, true);
            hpa = space.translate(page);
            byte[] bytes = readPage(page - gpa);
            for (int i = 0; i < bytes.length; i++) {
                ram.writeByte(hpa + i, bytes[i]);
            }
            how = String.format("emulate: map_alloc gpa %#x -> frame hpa %#x, filled from %s", page, hpa,
                    emulateImage.getFileName());
        }
        servedPages.add(page);
        return how;
    }

    /** Switches the mode: served pages are unmapped (and fenced) so the next access faults again. */
    public void setMode(PflashMode newMode, GuestAddressSpace space) {
        for (long page : servedPages) {
            space.unmap(page, GuestAddressSpace.PAGE_SIZE);
        }
        servedPages.clear();
        mode = newMode;
    }

    private byte[] readPage(long offset) {
        byte[] page = new byte[(int) GuestAddressSpace.PAGE_SIZE];
        try (FileChannel ch = FileChannel.open(emulateImage, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(page);
            ch.position(offset);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading: a short read is not the end of the file
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pflash image " + emulateImage + ": " + e.getMessage(), e);
        }
        return page;
    }
}
