package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("vpcCidr", "availabilityZones", "clusters", "database", "domain");

    @Test
    void closest_transposition_isFound() {
        assertEquals(Optional.of("vpcCidr"), Suggestions.closest("vpcCdir", KEYS));
    }

    @Test
    void closest_caseAndMissingLetter_isFound() {
        assertEquals(Optional.of("availabilityZones"), Suggestions.closest("availabilityzone", KEYS));
        assertEquals(Optional.of("database"), Suggestions.closest("databse", KEYS));
    }

    @Test
    void closest_nothingNear_suggestsNothing() {
        assertEquals(Optional.empty(), Suggestions.closest("foo", KEYS));
        assertEquals("", Suggestions.didYouMean("replicaCount", KEYS));
    }

    @Test
    void distance_countsEdits() {
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(1, Suggestions.distance("abc", "acb"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
