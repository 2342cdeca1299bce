package io.magecloudkit.sandbox.botocore;

import static io.magecloudkit.sandbox.botocore.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON 1.1 protocol (ECS, ECR, SSM) against the installed models, and a small synthetic model. */
class JsonResponseValidatorTest {
    private static final ResponseValidator ECS = ResponseValidator.forService("ecs");
    private static final ResponseValidator ECR = ResponseValidator.forService("ecr");
    private static final ResponseValidator SSM = ResponseValidator.forService("ssm");
    private static final ResponseValidator SYNTHETIC = new ResponseValidator(
            BotocoreModel.read("synthetic", resource("synthetic-json-model.json")));

    private static List<String> check(ResponseValidator validator, String operation, int status, String body) {
        return validator.validate(operation, status, body).stream().map(Object::toString).toList();
    }

    private static String describeServices() {
        return fixture("ecs-DescribeServices.json");
    }

    @Test
    void validResponses_haveNoViolations() {
        assertEquals(List.of(), check(ECS, "DescribeServices", 200, describeServices()));
        assertEquals(List.of(), check(ECS, "DescribeClusters", 200, fixture("ecs-DescribeClusters.json")));
        assertEquals(List.of(), check(SSM, "GetParameter", 200, fixture("ssm-GetParameter.json")));
        assertEquals(List.of(), check(ECR, "GetAuthorizationToken", 200, fixture("ecr-GetAuthorizationToken.json")));
        assertEquals(List.of(), check(ECS, "DescribeServices", 200, "{}"));
    }

    @Test
    void unknownMember_isReportedWithItsPath() {
        String body = describeServices().replace("\"rolloutState\": \"COMPLETED\"",
                "\"rolloutState\": \"COMPLETED\", \"vpcLatticeConfigurations\": []");
        assertEquals(List.of("DescribeServices: services[0].deployments[1].vpcLatticeConfigurations: unknown member (not in Deployment)"),
                check(ECS, "DescribeServices", 200, body));
    }

    @Test
    void badEnum_namesTheAllowedValues() {
        String body = describeServices().replace("\"rolloutState\": \"COMPLETED\"", "\"rolloutState\": \"FOO\"");
        assertEquals(List.of("DescribeServices: services[0].deployments[1].rolloutState: 'FOO' is not one of [COMPLETED, FAILED, IN_PROGRESS]"),
                check(ECS, "DescribeServices", 200, body));
    }

    @Test
    void wrongTypes_areReported() {
        String body = describeServices()
                .replace("\"desiredCount\": 2,\n      \"runningCount\": 2", "\"desiredCount\": \"2\",\n      \"runningCount\": 2.5")
                .replace("\"enableECSManagedTags\": false", "\"enableECSManagedTags\": \"false\"")
                .replace("[{\"key\": \"environment\", \"value\": \"staging\"}]", "{\"environment\": \"staging\"}");
        assertEquals(List.of(
                "DescribeServices: services[0].desiredCount: expected a whole number (integer), got string \"2\"",
                "DescribeServices: services[0].runningCount: expected a whole number (integer), got number 2.5",
                "DescribeServices: services[0].tags: expected an array (Tags), got object {\"environment\":\"staging\"}",
                "DescribeServices: services[0].enableECSManagedTags: expected a boolean, got string \"false\""),
                check(ECS, "DescribeServices", 200, body));
    }

    @Test
    void integersOutOfRange_andNulls_areReported() {
        String body = describeServices()
                .replace("\"pendingCount\": 0,\n      \"launchType\"", "\"pendingCount\": 2147483648,\n      \"launchType\"")
                .replace("\"healthCheckGracePeriodSeconds\": 60", "\"healthCheckGracePeriodSeconds\": null");
        assertEquals(List.of(
                "DescribeServices: services[0].pendingCount: 2147483648 is out of range for integer",
                "DescribeServices: services[0].healthCheckGracePeriodSeconds: null (AWS omits members that have no value)"),
                check(ECS, "DescribeServices", 200, body));
        // A long member takes what an integer cannot.
        assertEquals(List.of(), check(SSM, "GetParameter", 200,
                fixture("ssm-GetParameter.json").replace("\"Version\": 42", "\"Version\": 2147483648")));
    }

    @Test
    void timestamps_areEpochSecondsNumbers() {
        String body = describeServices().replace("\"createdAt\": 1795834800.123", "\"createdAt\": \"2026-11-28T03:00:00Z\"");
        assertEquals(List.of("DescribeServices: services[0].deployments[0].createdAt: expected a timestamp in epoch seconds (a number), got string \"2026-11-28T03:00:00Z\""),
                check(ECS, "DescribeServices", 200, body));
    }

    @Test
    void missingRequiredMember_isReported() {
        String body = describeServices().replace("{\"enable\": true, \"rollback\": true}", "{\"rollback\": true}")
                .replace("\"deploymentController\": {\"type\": \"ECS\"}", "\"deploymentController\": {}");
        assertEquals(List.of(
                "DescribeServices: services[0].deploymentConfiguration.deploymentCircuitBreaker.enable: required member of DeploymentCircuitBreaker is missing",
                "DescribeServices: services[0].deploymentController.type: required member of DeploymentController is missing"),
                check(ECS, "DescribeServices", 200, body));
    }

    @Test
    void declaredLengthAndRangeConstraints_areChecked() {
        String body = describeServices().replace("[{\"key\": \"environment\", \"value\": \"staging\"}]",
                "[{\"key\": \"\", \"value\": \"staging\"}]");
        assertEquals(List.of("DescribeServices: services[0].tags[0].key: length 0 is below the minimum 1 of TagKey"),
                check(ECS, "DescribeServices", 200, body));
        String clusters = fixture("ecs-DescribeClusters.json").replace("\"weight\": 1", "\"weight\": 1001");
        assertEquals(List.of("DescribeClusters: clusters[0].defaultCapacityProviderStrategy[0].weight: value 1001 is above the maximum 1000 of CapacityProviderStrategyItemWeight"),
                check(ECS, "DescribeClusters", 200, clusters));
    }

    @Test
    void bodyThatIsNotAJsonObject_isReported() {
        assertEquals(List.of("DescribeServices: $: body is not a JSON object: [1]"), check(ECS, "DescribeServices", 200, "[1]"));
        assertEquals(List.of("DescribeServices: $: empty body; expected a JSON object"), check(ECS, "DescribeServices", 200, ""));
        assertEquals(1, check(ECS, "DescribeServices", 200, "<xml/>").size());
        assertEquals(List.of("DescribeServices: $: body is not valid JSON: Duplicate field 'failures'"),
                check(ECS, "DescribeServices", 200, "{\"failures\": [], \"failures\": []}"));
        assertEquals(List.of("NoSuchOperation: $: operation is not in the ecs 2014-11-13 (json) model"),
                check(ECS, "NoSuchOperation", 200, "{}"));
    }

    @Test
    void errors_declaredOrCommon_pass() {
        assertEquals(List.of(), check(ECS, "DescribeServices", 400,
                "{\"__type\": \"ClusterNotFoundException\", \"message\": \"Cluster not found.\"}"));
        assertEquals(List.of(), check(ECS, "DescribeServices", 400,
                "{\"__type\": \"com.amazonaws.ecs#ClientException\", \"message\": \"bad\"}"));
        assertEquals(List.of(), check(ECS, "DescribeServices", 400,
                "{\"__type\": \"ThrottlingException:http://internal.amazon.com/coral/\", \"message\": \"Rate exceeded\"}"));
        assertEquals(List.of(), check(SSM, "GetParameter", 500, "{\"__type\": \"InternalServerError\", \"Message\": \"boom\"}"));
        assertEquals(List.of(), check(ECS, "DescribeServices", 400, "{\"__type\": \"UnrecognizedClientException\"}"));
    }

    @Test
    void badErrors_areReported() {
        assertEquals(List.of("GetParameter: __type: 'ClusterNotFoundException' is neither an error of GetParameter "
                        + "[InternalServerError, InvalidKeyId, ParameterNotFound, ParameterVersionNotFound] nor a common AWS error"),
                check(SSM, "GetParameter", 400, "{\"__type\": \"ClusterNotFoundException\", \"message\": \"x\"}"));
        assertEquals(List.of("DescribeServices: __type: error body has no __type string"),
                check(ECS, "DescribeServices", 400, "{\"code\": \"ClientException\", \"message\": \"x\"}"));
        assertEquals(List.of("DescribeServices: $: error answered with HTTP status 302 (must be 4xx or 5xx)"),
                check(ECS, "DescribeServices", 302, "{\"__type\": \"ClientException\"}"));
        assertEquals(List.of("DescribeServices: reason: unknown member (not in ClientException)",
                        "DescribeServices: message: expected a string, got number 5"),
                check(ECS, "DescribeServices", 400, "{\"__type\": \"ClientException\", \"reason\": \"x\", \"message\": 5}"));
        assertEquals(List.of("DescribeServices: Message: expected a string, got array []"),
                check(ECS, "DescribeServices", 400, "{\"__type\": \"ClusterNotFoundException\", \"Message\": []}"));
        assertEquals(List.of("DescribeServices: details: unknown member of a common error body"),
                check(ECS, "DescribeServices", 429, "{\"__type\": \"ThrottlingException\", \"details\": {}}"));
        // An error body under a success status is an unknown member of the output.
        assertEquals(List.of("DescribeServices: __type: unknown member (not in DescribeServicesResponse)",
                        "DescribeServices: message: unknown member (not in DescribeServicesResponse)"),
                check(ECS, "DescribeServices", 200, "{\"__type\": \"ClientException\", \"message\": \"x\"}"));
    }

    @Test
    void syntheticModel_coversBlobsMapsLocationNamesAndDeclaredFormats() {
        String valid = """
                {"id": "ab", "wireName": "xyz", "payload": "aGVsbG8=", "ratio": 0.5, "size": 9000000000,
                 "labels": {"a": "one", "b": "two"}, "seenAt": "2026-11-28T03:00:00Z", "tags": ["t1"]}""";
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 200, valid));
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 200, "{\"id\": \"ab\", \"ratio\": \"NaN\"}"));

        String broken = """
                {"renamed": "xyz", "payload": "not base64!", "ratio": "half", "size": -1,
                 "labels": {"a": "one", "z": "two", "c": "x"}, "seenAt": 1795834800, "tags": []}""";
        assertEquals(List.of(
                "GetThing: renamed: unknown member (not in GetThingResponse)",
                "GetThing: payload: blob is not valid base64: Illegal base64 character 20",
                "GetThing: ratio: expected a number (double), got string \"half\"",
                "GetThing: size: value -1 is below the minimum 0 of Size",
                "GetThing: labels[\"z\"] (key): 'z' is not one of [a, b, c]",
                "GetThing: labels[\"c\"]: length 1 is below the minimum 2 of Name",
                "GetThing: labels: entries 3 is above the maximum 2 of Labels",
                "GetThing: seenAt: expected a iso8601 timestamp string, got number 1795834800",
                "GetThing: tags: entries 0 is below the minimum 1 of Tags",
                "GetThing: id: required member of GetThingResponse is missing"),
                check(SYNTHETIC, "GetThing", 200, broken));
        assertEquals(List.of("GetThing: seenAt: 'yesterday' is not an iso8601 timestamp (e.g. 2026-11-28T03:00:00.000Z)"),
                check(SYNTHETIC, "GetThing", 200, "{\"id\": \"ab\", \"seenAt\": \"yesterday\"}"));
    }

    @Test
    void syntheticModel_errorMembersAndOperationsWithoutOutput() {
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 404,
                "{\"__type\": \"ThingNotFoundException\", \"message\": \"gone\", \"thingId\": \"ab\"}"));
        assertEquals(List.of("GetThing: thingId: length 9 is above the maximum 5 of Name"), check(SYNTHETIC, "GetThing", 404,
                "{\"__type\": \"ThingNotFoundException\", \"thingId\": \"too-long!\"}"));
        assertEquals(List.of(), check(SYNTHETIC, "DeleteThing", 200, "{}"));
        assertEquals(List.of("DeleteThing: $: operation has no output, but the body has members [id]"),
                check(SYNTHETIC, "DeleteThing", 200, "{\"id\": \"ab\"}"));
    }

    static Path resource(String name) {
        try {
            return Path.of(JsonResponseValidatorTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
