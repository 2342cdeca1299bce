package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRefTest {

    @Test
    void ssmPath() {
        SecretRef r = SecretRef.parse("ssm:/shop/db/password");
        assertEquals(SecretRef.Store.SSM, r.store());
        assertEquals("/shop/db/password", r.id());
        assertNull(r.jsonKey());
        assertFalse(r.isArn());
    }

    @Test
    void secretsManagerNameWithJsonKey() {
        SecretRef r = SecretRef.parse("secretsmanager:shop/aurora:password");
        assertEquals(SecretRef.Store.SECRETS_MANAGER, r.store());
        assertEquals("shop/aurora", r.id());
        assertEquals("password", r.jsonKey());
    }

    @Test
    void secretsManagerArn_plainAndPrefixed() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf";
        SecretRef plain = SecretRef.parse(arn + ":password");
        assertEquals(arn, plain.id());
        assertEquals("password", plain.jsonKey());
        assertTrue(plain.isArn());
        SecretRef prefixed = SecretRef.parse("secretsmanager:" + arn);
        assertEquals(arn, prefixed.id());
        assertNull(prefixed.jsonKey());
    }

    @Test
    void ssmParameterArn() {
        String arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/key";
        SecretRef r = SecretRef.parse(arn);
        assertEquals(SecretRef.Store.SSM, r.store());
        assertEquals(arn, r.id());
    }

    @Test
    void plainValue_isRejectedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretRef.parse("hunter2-s3cr3t"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("not a value"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssm:no-leading-slash", "ssm:/has space", "secretsmanager:", "arn:aws:s3:::bucket/key",
        "arn:aws:ssm:eu-west-1:123:parameter/x"})
    void malformedReferences_areRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> SecretRef.parse(text));
    }
}
