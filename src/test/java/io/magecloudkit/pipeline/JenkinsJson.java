package io.magecloudkit.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code readJSON} returns in Jenkins (pipeline-utility-steps: net.sf.json's JSONObject
 * and JSONArray) as far as a step can tell: a map and a list that are not plain Groovy
 * collections. A pipeline step run while a loop over them is open fails in Jenkins, since
 * CPS must serialise the loop's iterator; so each iterator reports itself open until it is
 * exhausted, and the harness refuses a step while one is.
 */
final class JenkinsJson {
    private JenkinsJson() {
    }

    static Object wrap(JsonNode node, Consumer<Iterator<?>> opened, Consumer<Iterator<?>> closed) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> values.put(e.getKey(), wrap(e.getValue(), opened, closed)));
            return new JsonObject(values, opened, closed);
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(n -> values.add(wrap(n, opened, closed)));
            return new JsonArray(values, opened, closed);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static <T> Iterator<T> tracked(Iterator<T> inner, Consumer<Iterator<?>> opened, Consumer<Iterator<?>> closed) {
        Iterator<T> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = inner.hasNext();
                if (!more) {
                    closed.accept(this);
                }
                return more;
            }

            @Override
            public T next() {
                return inner.next();
            }
        };
        opened.accept(it);
        return it;
    }

    static final class JsonObject extends AbstractMap<String, Object> {
        private final Map<String, Object> values;
        private final Consumer<Iterator<?>> opened;
        private final Consumer<Iterator<?>> closed;

        JsonObject(Map<String, Object> values, Consumer<Iterator<?>> opened, Consumer<Iterator<?>> closed) {
            this.values = values;
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public Object get(Object key) {
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return values.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return tracked(values.entrySet().iterator(), opened, closed);
                }

                @Override
                public int size() {
                    return values.size();
                }
            };
        }
    }

    static final class JsonArray extends AbstractList<Object> {
        private final List<Object> values;
        private final Consumer<Iterator<?>> opened;
        private final Consumer<Iterator<?>> closed;

        JsonArray(List<Object> values, Consumer<Iterator<?>> opened, Consumer<Iterator<?>> closed) {
            this.values = values;
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public Object get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public Iterator<Object> iterator() {
            return tracked(values.iterator(), opened, closed);
        }
    }
}
