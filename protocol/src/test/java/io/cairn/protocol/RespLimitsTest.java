package io.cairn.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RespLimitsTest {

    @Test
    void defaultsAre64MiBBulksAMebiArgumentsAnd64KiBInlineLines() {
        RespLimits limits = new RespLimits();
        assertEquals(64L * 1024 * 1024, limits.maxBulkLength());
        assertEquals(1_048_576, limits.maxMultibulkLength());
        assertEquals(64 * 1024, limits.maxInlineLength());
    }

    @Test
    void bulkLimitCannotExceedWhatAJavaArrayHolds() {
        assertThrows(IllegalArgumentException.class, () -> new RespLimits().setMaxBulkLength(Integer.MAX_VALUE));
    }

    @Test
    void limitsMustBePositive() {
        RespLimits limits = new RespLimits();
        assertThrows(IllegalArgumentException.class, () -> limits.setMaxBulkLength(0));
        assertThrows(IllegalArgumentException.class, () -> limits.setMaxMultibulkLength(0));
        assertThrows(IllegalArgumentException.class, () -> limits.setMaxInlineLength(0));
    }
}
