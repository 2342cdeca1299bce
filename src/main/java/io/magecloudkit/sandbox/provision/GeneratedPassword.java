package io.magecloudkit.sandbox.provision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Secrets Manager's password generator as GenerateSecretString (and GetRandomPassword) define it: 32
 * characters of upper and lower case letters, digits and punctuation unless told otherwise, at least one of
 * each included type unless RequireEachIncludedType is false, never a character of ExcludeCharacters.
 * A template that asks for a special character (OpenSearch's master user) or forbids some (a password
 * that goes into a URL) gets what AWS would give it. Pure apart from the random source.
 */
record GeneratedPassword(int length, String excludeCharacters, boolean excludeUppercase, boolean excludeLowercase,
        boolean excludeNumbers, boolean excludePunctuation, boolean includeSpace, boolean requireEachIncludedType) {
    static final String UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
    static final String NUMBERS = "0123456789";
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** GenerateSecretString's members, with AWS's defaults for those left out. */
    static GeneratedPassword of(CfnProperties generate) {
        return new GeneratedPassword(generate.integer("PasswordLength", 32), generate.string("ExcludeCharacters", ""),
                generate.bool("ExcludeUppercase"), generate.bool("ExcludeLowercase"), generate.bool("ExcludeNumbers"),
                generate.bool("ExcludePunctuation"), generate.bool("IncludeSpace"),
                generate.string("RequireEachIncludedType") == null || generate.bool("RequireEachIncludedType"));
    }

    /** The character types this password draws from, each without the excluded characters; an emptied type drops out. */
    List<String> types() {
        List<String> types = new ArrayList<>();
        addType(types, excludeUppercase, UPPERCASE);
        addType(types, excludeLowercase, LOWERCASE);
        addType(types, excludeNumbers, NUMBERS);
        addType(types, excludePunctuation, PUNCTUATION);
        addType(types, !includeSpace, " ");
        return types;
    }

    String generate(Random random) {
        List<String> types = types();
        if (types.isEmpty() || length < 1 || length > 4096 || (requireEachIncludedType && types.size() > length)) {
            throw new IllegalArgumentException("no password of " + length + " characters from types " + types);
        }
        String all = String.join("", types);
        List<Character> chars = new ArrayList<>();
        if (requireEachIncludedType) {
            types.forEach(t -> chars.add(t.charAt(random.nextInt(t.length()))));
        }
        while (chars.size() < length) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder out = new StringBuilder(length);
        chars.forEach(out::append);
        return out.toString();
    }

    private void addType(List<String> types, boolean excluded, String characters) {
        if (excluded) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        characters.chars().filter(c -> excludeCharacters.indexOf(c) < 0).forEach(c -> kept.append((char) c));
        if (!kept.isEmpty()) {
            types.add(kept.toString());
        }
    }
}
