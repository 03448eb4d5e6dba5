package io.fsconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartBufferTest {

    private final List<byte[]> parts = new ArrayList<>();
    private final PartBuffer buffer = new PartBuffer(100_000, (bytes, length) -> parts.add(Arrays.copyOf(bytes, length)));

    @Test
    void aFullPartIsSentOnlyWhenMoreBytesFollowSoTheLastPartIsNeverEmpty() throws IOException {
        buffer.write(bytes(100_000, 1), 0, 100_000);
        assertThat(parts).isEmpty();

        buffer.write(7);
        buffer.sendRest();

        assertThat(parts).extracting(part -> part.length).containsExactly(100_000, 1);
        assertThat(parts.get(1)[0]).isEqualTo((byte) 7);
        assertThat(buffer.total()).isEqualTo(100_001);
    }

    @Test
    void aLargeWriteIsSplitIntoPartsInOrder() throws IOException {
        byte[] written = bytes(250_000, 3);
        buffer.write(written, 0, written.length);
        buffer.sendRest();

        assertThat(parts).extracting(part -> part.length).containsExactly(100_000, 100_000, 50_000);
        byte[] joined = new byte[250_000];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        assertThat(joined).isEqualTo(written);
    }

    @Test
    void aSmallObjectHoldsASmallBufferAndNothingIsSentUntilAsked() throws IOException {
        buffer.write(bytes(10, 5), 0, 10);

        assertThat(buffer.bytes().length).isLessThanOrEqualTo(64 * 1024);
        assertThat(buffer.length()).isEqualTo(10);
        assertThat(parts).isEmpty();
    }

    @Test
    void nothingIsSentForAnEmptyRest() throws IOException {
        buffer.sendRest();

        assertThat(parts).isEmpty();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
