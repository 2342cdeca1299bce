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

    /** Told of each loop over the JSON as it opens and as it runs out. */
    interface Loops {
        void opened(Iterator<?> loop);

        void closed(Iterator<?> loop);
    }

    static Object wrap(JsonNode node, Loops loops) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> values.put(e.getKey(), wrap(e.getValue(), loops)));
            return new JsonObject(values, loops);
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(n -> values.add(wrap(n, loops)));
            return new JsonArray(values, loops);
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

    private static <T> Iterator<T> tracked(Iterator<T> inner, Loops loops) {
        Iterator<T> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = inner.hasNext();
                if (!more) {
                    loops.closed(this);
                }
                return more;
            }

            @Override
            public T next() {
                return inner.next();
            }
        };
        loops.opened(it);
        return it;
    }

    static final class JsonObject extends AbstractMap<String, Object> {
        private final Map<String, Object> values;
        private final Loops loops;

        JsonObject(Map<String, Object> values, Loops loops) {
            this.values = values;
            this.loops = loops;
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
                    return tracked(values.entrySet().iterator(), loops);
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
        private final Loops loops;

        JsonArray(List<Object> values, Loops loops) {
            this.values = values;
            this.loops = loops;
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
            return tracked(values.iterator(), loops);
        }
    }
}
