package io.magecloudkit.image;

/**
 * What to do with a tag, from what the registry holds and what this build gives. Tags are
 * immutable: the same digest again is nothing to do, another digest is a conflict. Pure.
 */
enum TagVerdict {
    /** The tag is free: push. */
    PUSH,
    /** The tag holds exactly this build: push nothing. */
    UNCHANGED,
    /** The tag holds something else (or the builder cannot tell): push nothing, fail. */
    CONFLICT;

    /**
     * @param existing the digest the registry has for the tag, or null when it has none
     * @param rebuilt  the digest this build gives, or null when the builder cannot know it before pushing
     */
    static TagVerdict of(String existing, String rebuilt) {
        if (existing == null) {
            return PUSH;
        }
        return existing.equals(rebuilt) ? UNCHANGED : CONFLICT;
    }
}
