package io.magecloudkit.cfnspec;

/**
 * One property of a resource type or property type.
 *
 * @param replacement whether changing it replaces the resource: {@code NO}, {@code YES} or
 *                    {@code MAYBE} (depends on the change; CloudFormation says "Conditional")
 */
public record PropertySpec(String name, TypeExpr type, boolean required, Replacement replacement) {

    public enum Replacement { NO, YES, MAYBE }

    static PropertySpec parse(String name, String text) {
        String[] words = text.split(" ");
        boolean required = false;
        Replacement replacement = Replacement.NO;
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "required" -> required = true;
                case "replace-yes" -> replacement = Replacement.YES;
                case "replace-maybe" -> replacement = Replacement.MAYBE;
                default -> throw new IllegalArgumentException("unknown flag '" + words[i] + "' of property " + name);
            }
        }
        return new PropertySpec(name, TypeExpr.parse(words[0]), required, replacement);
    }
}
