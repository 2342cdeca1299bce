package io.magecloudkit.cfnspec;

import java.util.ArrayList;
import java.util.List;

/**
 * The type of a property or attribute in the extract: a primitive ({@code string}, {@code integer},
 * {@code number}, {@code boolean}, {@code json}, {@code date-time}, {@code tag}, {@code null}), a
 * property type of the same resource by name, {@code list<T>}, {@code map<T>} or a union {@code (A|B)}.
 */
public sealed interface TypeExpr {

    record Primitive(String name) implements TypeExpr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A property type of the same resource type, e.g. {@code MetadataOptions}. */
    record Named(String name) implements TypeExpr {
        @Override
        public String toString() {
            return name;
        }
    }

    record ListOf(TypeExpr element) implements TypeExpr {
        @Override
        public String toString() {
            return "list<" + element + ">";
        }
    }

    record MapOf(TypeExpr element) implements TypeExpr {
        @Override
        public String toString() {
            return "map<" + element + ">";
        }
    }

    record Union(List<TypeExpr> alternatives) implements TypeExpr {
        public Union {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public String toString() {
            return "(" + String.join("|", alternatives.stream().map(TypeExpr::toString).toList()) + ")";
        }
    }

    static TypeExpr parse(String text) {
        int[] pos = {0};
        TypeExpr t = parse(text, pos);
        if (pos[0] != text.length()) {
            throw new IllegalArgumentException("bad type '" + text + "' at " + pos[0]);
        }
        return t;
    }

    private static TypeExpr parse(String s, int[] pos) {
        if (s.startsWith("(", pos[0])) {
            pos[0]++;
            List<TypeExpr> alternatives = new ArrayList<>();
            alternatives.add(parse(s, pos));
            while (s.startsWith("|", pos[0])) {
                pos[0]++;
                alternatives.add(parse(s, pos));
            }
            expect(s, pos, ")");
            return new Union(alternatives);
        }
        for (String generic : new String[] {"list<", "map<"}) {
            if (s.startsWith(generic, pos[0])) {
                pos[0] += generic.length();
                TypeExpr element = parse(s, pos);
                expect(s, pos, ">");
                return generic.equals("list<") ? new ListOf(element) : new MapOf(element);
            }
        }
        int start = pos[0];
        while (pos[0] < s.length() && "<>|()".indexOf(s.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        String name = s.substring(start, pos[0]);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("bad type '" + s + "' at " + start);
        }
        return Character.isUpperCase(name.charAt(0)) ? new Named(name) : new Primitive(name);
    }

    private static void expect(String s, int[] pos, String token) {
        if (!s.startsWith(token, pos[0])) {
            throw new IllegalArgumentException("bad type '" + s + "': expected " + token + " at " + pos[0]);
        }
        pos[0] += token.length();
    }
}
