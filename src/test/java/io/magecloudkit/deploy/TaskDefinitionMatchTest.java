package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a registered revision counts as the one a deploy wants. */
class TaskDefinitionMatchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WANT = """
            {"family":"web","cpu":"512","containerDefinitions":[{"name":"app","image":"r/app@sha256:1","essential":true,
             "portMappings":[{"containerPort":8080,"protocol":"tcp"}],
             "environment":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "secrets":[{"name":"S","valueFrom":"arn:aws:ssm:eu-west-1:1:parameter/s"}]}],"volumes":[]}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("as registered, with ECS's own fields and defaults",
                    """
                    {"family":"web","cpu":"512","taskDefinitionArn":"arn:x","revision":4,"status":"ACTIVE","compatibilities":["EC2"],
                     "requiresAttributes":[],"registeredAt":1.0,"registeredBy":"root","networkMode":"bridge","placementConstraints":[],
                     "containerDefinitions":[{"name":"app","image":"r/app@sha256:1","essential":true,"cpu":0,"mountPoints":[],
                      "volumesFrom":[],"portMappings":[{"containerPort":8080,"hostPort":8080,"protocol":"tcp"}],
                      "environment":[{"name":"B","value":"2"},{"name":"A","value":"1"}],
                      "secrets":[{"name":"S","valueFrom":"arn:aws:ssm:eu-west-1:1:parameter/s"}]}],"volumes":[]}
                    """, ""),
            Arguments.of("another image",
                    WANT.replace("sha256:1", "sha256:2"), "containerDefinitions[0].image: 'r/app@sha256:1' wanted, 'r/app@sha256:2' registered"),
            Arguments.of("an environment value changed",
                    WANT.replace("\"value\":\"2\"", "\"value\":\"3\""), "containerDefinitions[0].environment[1].value: '2' wanted, '3' registered"),
            Arguments.of("a secret more in the registered revision",
                    WANT.replace("\"secrets\":[", "\"secrets\":[{\"name\":\"T\",\"valueFrom\":\"arn:t\"},"),
                    "containerDefinitions[0].secrets: 1 entries wanted, 2 registered"),
            Arguments.of("a health check only in the registered revision",
                    WANT.replace("\"essential\":true,", "\"essential\":true,\"healthCheck\":{\"command\":[\"x\"]},"),
                    "containerDefinitions[0].healthCheck: only in the registered revision"),
            Arguments.of("task size changed", WANT.replace("\"512\"", "\"1024\""), "cpu: '512' wanted, '1024' registered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void differences(String name, String registered, String difference) throws Exception {
        var found = TaskDefinitionMatch.differences(JSON.readTree(WANT), JSON.readTree(registered));
        assertEquals(difference, String.join("; ", found));
    }
}
