package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void parse_validBlock_roundTrips() {
        Cidr c = Cidr.parse("10.20.0.0/16");
        assertEquals("10.20.0.0/16", c.toString());
        assertEquals(65536, c.size());
        assertEquals(16, c.prefix());
    }

    @Test
    void parse_hostBitsSet_suggestsTheNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/16"));
        assertTrue(e.getMessage().contains("did you mean 10.0.0.0/16?"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0/16", "10.0.0.256/24", "10.0.0.0/33", "ten.0.0.0/8", "10.0.0.0/x", ""})
    void parse_malformed_isRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void containsAndOverlaps() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertTrue(vpc.contains(Cidr.parse("10.0.255.0/24")));
        assertFalse(vpc.contains(Cidr.parse("10.1.0.0/24")));
        assertFalse(vpc.contains(Cidr.parse("10.0.0.0/15")));
        assertTrue(vpc.overlaps(Cidr.parse("10.0.0.0/15")));
        assertTrue(Cidr.parse("10.0.16.0/20").overlaps(Cidr.parse("10.0.31.0/24")));
        assertFalse(Cidr.parse("10.0.16.0/20").overlaps(Cidr.parse("10.0.32.0/24")));
    }

    @Test
    void subnet_cutsConsecutiveBlocks() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertEquals("10.0.0.0/20", vpc.subnet(20, 0).toString());
        assertEquals("10.0.144.0/20", vpc.subnet(20, 9).toString());
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(20, 16));
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(8, 0));
    }
}
