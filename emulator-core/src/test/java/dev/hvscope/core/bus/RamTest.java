package dev.hvscope.core.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RamTest {
    private static final long BASE = 0x8000_0000L;
    private static final long CHUNK = 1L << Ram.CHUNK_SHIFT;
    private static final long SIXTEEN_GIB = 16L << 30;

    @Test
    void sixteenGibRam_allocatesNothingUntilTouched() {
        Ram ram = new Ram(BASE, SIXTEEN_GIB);
        assertEquals(0, ram.allocatedBytes());
        ram.write(BASE + SIXTEEN_GIB - 8, 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, ram.read(BASE + SIXTEEN_GIB - 8, 8));
        assertEquals(CHUNK, ram.allocatedBytes());
    }

    @Test
    void untouchedMemory_readsZeroWithoutAllocating() {
        Ram ram = new Ram(BASE, SIXTEEN_GIB);
        for (int size : new int[] {1, 2, 4, 8}) {
            assertEquals(0, ram.read(BASE + 5 * CHUNK + 64, size));
            assertEquals(0, ram.read(BASE + 7 * CHUNK - 3, size));   // misaligned, across a boundary
        }
        assertEquals(0, ram.readByte(BASE + SIXTEEN_GIB - 1));
        byte[] out = {1, 2, 3, 4};
        ram.readBytes(BASE + CHUNK - 2, out, 0, 4);
        assertArrayEquals(new byte[4], out);
        assertEquals(0, ram.allocatedBytes());
    }

    @Test
    void chunk_allocatesOnFirstTouchAndReturnsTheSameArrayAfter() {
        Ram ram = new Ram(BASE, 64L << 20);
        byte[] c = ram.chunk(3 * CHUNK + 100);
        assertEquals(CHUNK, c.length);
        assertSame(c, ram.chunk(3 * CHUNK));
        assertSame(c, ram.chunk(4 * CHUNK - 1));
        assertEquals(CHUNK, ram.allocatedBytes());
    }

    @Test
    void lastChunk_isAsLongAsTheRamThatIsLeft() {
        Ram ram = new Ram(BASE, CHUNK + 0x3000);
        assertEquals(0x3000, ram.chunk(CHUNK).length);
        ram.write(BASE + CHUNK + 0x2ff8, 8, -1L);
        assertEquals(-1L, ram.read(BASE + CHUNK + 0x2ff8, 8));
    }

    @Test
    void misalignedAccessAcrossAChunkBoundary_splitsItsBytesBetweenBothChunks() {
        Ram ram = new Ram(BASE, 8 * CHUNK);
        long pa = BASE + 2 * CHUNK - 3;
        ram.write(pa, 8, 0x0807_0605_0403_0201L);
        assertEquals(0x0807_0605_0403_0201L, ram.read(pa, 8));
        assertEquals(0x01, ram.chunk(CHUNK)[(int) CHUNK - 3]);
        assertEquals(0x03, ram.chunk(CHUNK)[(int) CHUNK - 1]);
        assertEquals(0x04, ram.chunk(2 * CHUNK)[0]);
        assertEquals(0x08, ram.chunk(2 * CHUNK)[4]);
        ram.write(BASE + 3 * CHUNK - 1, 2, 0xbbaa);
        assertEquals(0xbbaa, ram.read(BASE + 3 * CHUNK - 1, 2));
        ram.write(BASE + 4 * CHUNK - 2, 4, 0xddcc_bbaaL);
        assertEquals(0xddcc_bbaaL, ram.read(BASE + 4 * CHUNK - 2, 4));
    }

    @Test
    void loadAndReadBytes_spanChunks() {
        Ram ram = new Ram(BASE, 8 * CHUNK);
        byte[] image = new byte[(int) (2 * CHUNK + 1000)];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31 + 7);
        }
        long pa = BASE + CHUNK - 500;   // ends 500 bytes into the fourth chunk
        ram.load(pa, image, 0, image.length);
        for (long k = 0; k < image.length; k += 4093) {
            assertEquals(image[(int) k] & 0xff, ram.readByte(pa + k));
        }
        byte[] back = new byte[image.length];
        ram.readBytes(pa, back, 0, back.length);
        assertArrayEquals(image, back);
        assertEquals(0, ram.readByte(pa - 1));
        assertEquals(0, ram.readByte(pa + image.length));
    }

    @Test
    void harts_touchingAChunkFirstTogether_allGetTheSameArray() throws Exception {
        Ram ram = new Ram(BASE, 64L << 20);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 32; round++) {
                long off = round * CHUNK / 2;   // two rounds per chunk: the second finds it allocated
                List<Future<byte[]>> got = new ArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                for (int t = 0; t < threads; t++) {
                    got.add(pool.submit(() -> {
                        go.await();
                        return ram.chunk(off);
                    }));
                }
                go.countDown();
                byte[] first = got.get(0).get(60, TimeUnit.SECONDS);
                for (Future<byte[]> f : got) {
                    assertSame(first, f.get(60, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16 * CHUNK, ram.allocatedBytes());
    }
}
