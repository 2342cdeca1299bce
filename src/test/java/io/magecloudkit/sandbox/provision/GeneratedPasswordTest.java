package io.magecloudkit.sandbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GenerateSecretString's members as Secrets Manager applies them. */
class GeneratedPasswordTest {
    record Case(String name, Map<String, Object> generate, int length, List<String> mustHaveOneOf, String mustNotHave) {
    }

    private static final String URL_UNSAFE = "\"'`\\/@:?#[]%&+ ";

    @Test
    void eachIncludedType_noExcludedCharacter_theRequestedLength() {
        List<Case> cases = List.of(
                new Case("AWS's defaults: 32 characters, every type but space", Map.of(), 32,
                        List.of(GeneratedPassword.UPPERCASE, GeneratedPassword.LOWERCASE, GeneratedPassword.NUMBERS,
                                GeneratedPassword.PUNCTUATION), " "),
                new Case("the cache AUTH token: no punctuation", Map.of("PasswordLength", 64, "ExcludePunctuation", true), 64,
                        List.of(GeneratedPassword.UPPERCASE, GeneratedPassword.LOWERCASE, GeneratedPassword.NUMBERS),
                        GeneratedPassword.PUNCTUATION + " "),
                new Case("the OpenSearch master user: every type, nothing that ends a URL's user info",
                        Map.of("PasswordLength", "40", "RequireEachIncludedType", "true", "ExcludeCharacters", URL_UNSAFE), 40,
                        List.of(GeneratedPassword.UPPERCASE, GeneratedPassword.LOWERCASE, GeneratedPassword.NUMBERS, "!$()*,-.;<=>^_{|}~"),
                        URL_UNSAFE),
                new Case("digits only", Map.of("PasswordLength", 6, "ExcludeUppercase", true, "ExcludeLowercase", true,
                        "ExcludePunctuation", true), 6, List.of(GeneratedPassword.NUMBERS), GeneratedPassword.LOWERCASE + "!"),
                new Case("with space", Map.of("PasswordLength", 12, "IncludeSpace", true, "ExcludeCharacters", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                        12, List.of(" ", GeneratedPassword.LOWERCASE), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        Random random = new Random(7);
        for (Case c : cases) {
            GeneratedPassword rules = GeneratedPassword.of(new CfnProperties("GenerateSecretString", c.generate()));
            for (int i = 0; i < 200; i++) {
                String password = rules.generate(random);
                assertEquals(c.length(), password.length(), c.name());
                for (String type : c.mustHaveOneOf()) {
                    assertTrue(password.chars().anyMatch(ch -> type.indexOf(ch) >= 0), c.name() + ": none of " + type + " in " + password);
                }
                assertTrue(password.chars().noneMatch(ch -> c.mustNotHave().indexOf(ch) >= 0), c.name() + ": " + password);
            }
        }
    }

    @Test
    void withoutRequireEachIncludedType_aTypeMayBeMissing_andAnImpossibleRequestIsRefused() {
        GeneratedPassword one = GeneratedPassword.of(new CfnProperties("g", Map.of("PasswordLength", 1, "RequireEachIncludedType", false)));
        assertEquals(1, one.generate(new Random(1)).length());
        GeneratedPassword tooShort = GeneratedPassword.of(new CfnProperties("g", Map.of("PasswordLength", 3)));
        assertThrows(IllegalArgumentException.class, () -> tooShort.generate(new Random(1)), "four types need four characters");
        GeneratedPassword nothing = GeneratedPassword.of(new CfnProperties("g", Map.of("ExcludeUppercase", true,
                "ExcludeLowercase", true, "ExcludeNumbers", true, "ExcludePunctuation", true)));
        assertThrows(IllegalArgumentException.class, () -> nothing.generate(new Random(1)));
    }
}
