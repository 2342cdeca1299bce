package io.magecloudkit.sandbox.botocore;

import static io.magecloudkit.sandbox.botocore.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query protocol's XML (CloudFormation, ELBv2, STS) against the installed models, and a synthetic model. */
class QueryResponseValidatorTest {
    private static final ResponseValidator CFN = ResponseValidator.forService("cloudformation");
    private static final ResponseValidator ELBV2 = ResponseValidator.forService("elbv2");
    private static final ResponseValidator STS = ResponseValidator.forService("sts");
    private static final ResponseValidator SYNTHETIC = new ResponseValidator(
            BotocoreModel.read("synthetic", JsonResponseValidatorTest.resource("synthetic-query-model.json")));

    private static final String STACK = "/DescribeStacksResponse/DescribeStacksResult/Stacks/member[1]";

    private static List<String> check(ResponseValidator validator, String operation, int status, String body) {
        return validator.validate(operation, status, body).stream().map(Object::toString).toList();
    }

    private static String describeStacks() {
        return fixture("cloudformation-DescribeStacks.xml");
    }

    @Test
    void validResponses_haveNoViolations() {
        assertEquals(List.of(), check(CFN, "DescribeStacks", 200, describeStacks()));
        assertEquals(List.of(), check(ELBV2, "DescribeTargetHealth", 200, fixture("elbv2-DescribeTargetHealth.xml")));
        assertEquals(List.of(), check(STS, "GetCallerIdentity", 200, fixture("sts-GetCallerIdentity.xml")));
        // An operation without output answers with the metadata alone.
        assertEquals(List.of(), check(CFN, "DeleteStack", 200, """
                <DeleteStackResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
                </DeleteStackResponse>"""));
        // An output with no members still has its (empty) result wrapper.
        assertEquals(List.of(), check(ELBV2, "DeleteLoadBalancer", 200, """
                <DeleteLoadBalancerResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                  <DeleteLoadBalancerResult/>
                  <ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>
                </DeleteLoadBalancerResponse>"""));
    }

    @Test
    void wrongRootElement_orNamespace_isReported() {
        assertEquals(List.of("DescribeStacks: /DescribeStackResponse: root element must be <DescribeStacksResponse>, got <DescribeStackResponse>"),
                check(CFN, "DescribeStacks", 200, describeStacks().replace("DescribeStacksResponse", "DescribeStackResponse")));
        assertEquals(List.of("DescribeStacks: /DescribeStacksResponse: root element must be in namespace "
                        + "http://cloudformation.amazonaws.com/doc/2010-05-15/, got none"),
                check(CFN, "DescribeStacks", 200, describeStacks().replace(" xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"", "")));
        assertEquals(List.of("DescribeStacks: /: body is not well-formed XML: Content is not allowed in prolog."),
                check(CFN, "DescribeStacks", 200, "{\"Stacks\": []}"));
    }

    @Test
    void missingResultWrapper_orMetadata_isReported() {
        String unwrapped = describeStacks().replace("<DescribeStacksResult>", "").replace("</DescribeStacksResult>", "");
        assertEquals(List.of(
                "DescribeStacks: /DescribeStacksResponse/Stacks: unknown element (expected <DescribeStacksResult> and <ResponseMetadata>)",
                "DescribeStacks: /DescribeStacksResponse/DescribeStacksResult: result wrapper element is missing"),
                check(CFN, "DescribeStacks", 200, unwrapped));
        String noRequestId = fixture("sts-GetCallerIdentity.xml")
                .replace("<RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>", "<RequestID>x</RequestID>");
        assertEquals(List.of(
                "GetCallerIdentity: /GetCallerIdentityResponse/ResponseMetadata/RequestID: unexpected element (only one <RequestId>)",
                "GetCallerIdentity: /GetCallerIdentityResponse/ResponseMetadata/RequestId: element is missing"),
                check(STS, "GetCallerIdentity", 200, noRequestId));
        String noMetadata = fixture("sts-GetCallerIdentity.xml").replaceAll("(?s)<ResponseMetadata>.*</ResponseMetadata>", "");
        assertEquals(List.of("GetCallerIdentity: /GetCallerIdentityResponse/ResponseMetadata: element is missing (it carries the RequestId)"),
                check(STS, "GetCallerIdentity", 200, noMetadata));
    }

    @Test
    void unknownElements_badEnums_andBadScalars_areReported() {
        String body = describeStacks()
                .replace("<StackStatus>CREATE_COMPLETE</StackStatus>", "<StackStatus>CREATED</StackStatus><Colour>red</Colour>")
                .replace("<DisableRollback>false</DisableRollback>", "<DisableRollback>False</DisableRollback>")
                .replace("<TimeoutInMinutes>30</TimeoutInMinutes>", "<TimeoutInMinutes>thirty</TimeoutInMinutes>")
                .replace("<CreationTime>2026-11-28T03:00:00.123Z</CreationTime>", "<CreationTime>1795834800</CreationTime>")
                .replace("<member>CAPABILITY_IAM</member>", "<item>CAPABILITY_IAM</item>");
        assertEquals(List.of(
                "DescribeStacks: " + STACK + "/CreationTime: '1795834800' is not an iso8601 timestamp (e.g. 2026-11-28T03:00:00.000Z)",
                "DescribeStacks: " + STACK + "/StackStatus: 'CREATED' is not one of [CREATE_IN_PROGRESS, CREATE_FAILED, "
                        + "CREATE_COMPLETE, ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE, DELETE_IN_PROGRESS, "
                        + "DELETE_FAILED, DELETE_COMPLETE, UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, "
                        + "UPDATE_COMPLETE, UPDATE_FAILED, UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_FAILED, "
                        + "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS, "
                        + "IMPORT_IN_PROGRESS, IMPORT_COMPLETE, IMPORT_ROLLBACK_IN_PROGRESS, IMPORT_ROLLBACK_FAILED, "
                        + "IMPORT_ROLLBACK_COMPLETE]",
                "DescribeStacks: " + STACK + "/DisableRollback: 'False' is not a boolean (true|false)",
                "DescribeStacks: " + STACK + "/TimeoutInMinutes: 'thirty' is not a whole number (integer)",
                "DescribeStacks: " + STACK + "/Capabilities/item: unexpected element in list Capabilities (items are <member>)",
                "DescribeStacks: " + STACK + "/Colour: unknown element (not in Stack)"),
                check(CFN, "DescribeStacks", 200, body));
    }

    @Test
    void missingRequiredMembers_andRepeatedMembers_areReported() {
        String body = describeStacks()
                .replace("<StackName>staging-network</StackName>", "")
                .replace("<StackDriftStatus>NOT_CHECKED</StackDriftStatus>", "")
                .replace("<Description>MageCloudKit network</Description>",
                        "<Description>MageCloudKit network</Description><Description>again</Description>");
        assertEquals(List.of(
                "DescribeStacks: " + STACK + "/StackName: required member of Stack is missing",
                "DescribeStacks: " + STACK + "/Description: appears 2 times (member of Stack is not a flattened list)",
                "DescribeStacks: " + STACK + "/DriftInformation/StackDriftStatus: required member of StackDriftInformation is missing"),
                check(CFN, "DescribeStacks", 200, body));
        String badTarget = fixture("elbv2-DescribeTargetHealth.xml").replace("<Port>32769</Port>", "<Port>0</Port>");
        assertEquals(List.of("DescribeTargetHealth: /DescribeTargetHealthResponse/DescribeTargetHealthResult/TargetHealthDescriptions"
                        + "/member[2]/Target/Port: value 0 is below the minimum 1 of Port"),
                check(ELBV2, "DescribeTargetHealth", 200, badTarget));
    }

    @Test
    void errors_declaredByCode_orCommon_pass() {
        assertEquals(List.of(), check(CFN, "CreateStack", 400, error("Sender", "AlreadyExistsException")));
        assertEquals(List.of(), check(CFN, "DescribeStacks", 400, error("Sender", "ValidationError")));
        assertEquals(List.of(), check(STS, "GetCallerIdentity", 403, error("Sender", "InvalidClientTokenId")));
        assertEquals(List.of(), check(CFN, "DescribeStacks", 400, error("Sender", "Throttling")));
        // ELBv2 names the error shape LoadBalancerNotFoundException but its wire code is LoadBalancerNotFound.
        assertEquals(List.of(), check(ELBV2, "DescribeTags", 400, error("Sender", "LoadBalancerNotFound")));
    }

    @Test
    void badErrors_areReported() {
        List<String> shapeName = check(ELBV2, "DescribeTags", 400, error("Sender", "LoadBalancerNotFoundException"));
        assertEquals(1, shapeName.size(), shapeName.toString());
        assertTrue(shapeName.get(0).startsWith("DescribeTags: /ErrorResponse/Error/Code: 'LoadBalancerNotFoundException' "
                + "is neither an error of DescribeTags [LoadBalancerNotFound, TargetGroupNotFound"), shapeName.get(0));
        assertEquals(List.of("CreateStack: /ErrorResponse/Error/Type: 'Client' is not one of [Sender, Receiver]"),
                check(CFN, "CreateStack", 400, error("Client", "AlreadyExistsException")));
        assertEquals(List.of("CreateStack: /ErrorResponse/Error/Code: AlreadyExistsException must be answered with HTTP status 400, got 409",
                        "CreateStack: /ErrorResponse/Error/Type: AlreadyExistsException is the sender's fault: Type must be Sender"),
                check(CFN, "CreateStack", 409, error("Receiver", "AlreadyExistsException")));
        assertEquals(List.of("DescribeStacks: /ErrorResponse: error answered with HTTP status 302 (must be 4xx or 5xx)"),
                check(CFN, "DescribeStacks", 302, error("Sender", "ValidationError")));
        assertEquals(List.of("DescribeStacks: /Response: error root element must be <ErrorResponse>, got <Response>"),
                check(CFN, "DescribeStacks", 400, """
                        <Response><Errors><Error><Code>ValidationError</Code><Message>x</Message></Error></Errors>
                        <RequestID>r</RequestID></Response>"""));
        assertEquals(List.of(
                "DescribeStacks: /ErrorResponse/Error/Type: element is missing (Sender or Receiver)",
                "DescribeStacks: /ErrorResponse/Error/Reason: unknown element of a common error"),
                check(CFN, "DescribeStacks", 400, """
                        <ErrorResponse><Error><Code>ValidationError</Code><Message>x</Message><Reason>r</Reason></Error>
                        <RequestId>r</RequestId></ErrorResponse>"""));
        assertEquals(List.of("DescribeStacks: /ErrorResponse/RequestId: element is missing"),
                check(CFN, "DescribeStacks", 400, """
                        <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code></Error></ErrorResponse>"""));
    }

    @Test
    void successBody_underAnErrorStatus_isReported() {
        assertEquals(List.of("GetCallerIdentity: /GetCallerIdentityResponse: error root element must be <ErrorResponse>, got <GetCallerIdentityResponse>"),
                check(STS, "GetCallerIdentity", 500, fixture("sts-GetCallerIdentity.xml")));
        assertEquals(List.of("GetCallerIdentity: /ErrorResponse: root element must be <GetCallerIdentityResponse>, got <ErrorResponse>"),
                check(STS, "GetCallerIdentity", 200, error("Sender", "InvalidClientTokenId")));
    }

    @Test
    void syntheticModel_flattenedListsMapsAndLocationNames() {
        String valid = """
                <GetThingResponse xmlns="https://synthetic.example/doc/2020-01-01/">
                  <GetThingResult>
                    <ThingId>t-1</ThingId>
                    <Flat>a</Flat><Flat>b</Flat>
                    <Items><Item>x</Item><Item>y</Item></Items>
                    <Labels>
                      <entry><key>env</key><value>prod</value></entry>
                    </Labels>
                    <FlatLabels><K>a</K><V>1</V></FlatLabels>
                    <FlatLabels><K>b</K><V>2</V></FlatLabels>
                    <Payload>aGVsbG8=</Payload>
                    <Size>9000000000</Size>
                    <Ratio>-1.5e3</Ratio>
                    <Enabled>true</Enabled>
                    <Seen>2026-11-28T03:00:00+01:00</Seen>
                  </GetThingResult>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
                </GetThingResponse>""";
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 200, valid));

        String broken = valid
                .replace("<ThingId>t-1</ThingId>", "<Id>t-1</Id>")
                .replace("<Item>y</Item>", "<member>y</member>")
                .replace("<entry><key>env</key><value>prod</value></entry>", "<entry><key>env</key></entry><item/>")
                .replace("<FlatLabels><K>b</K><V>2</V></FlatLabels>", "<FlatLabels><K>b</K><V>2</V><V>3</V></FlatLabels>")
                .replace("<Payload>aGVsbG8=</Payload>", "<Payload>%%%</Payload>")
                .replace("<Size>9000000000</Size>", "<Size>99999999999999999999</Size>")
                .replace("<Ratio>-1.5e3</Ratio>", "<Ratio>1,5</Ratio>")
                .replace("<Seen>2026-11-28T03:00:00+01:00</Seen>", "<Seen>2026-11-28 03:00:00</Seen>");
        String result = "GetThing: /GetThingResponse/GetThingResult/";
        assertEquals(List.of(
                result + "Items/member: unexpected element in list ItemNames (items are <Item>)",
                result + "Labels/entry[1]/value: map entry has no value",
                result + "Labels/item: unexpected element in map Labels (entries are <entry>)",
                result + "FlatLabels[2]/V: unexpected element in a map entry (expected one <K> and one <V>)",
                result + "Payload: blob is not valid base64: Illegal base64 character 25",
                result + "Size: 99999999999999999999 is out of range for long",
                result + "Ratio: '1,5' is not a number (float)",
                result + "Seen: '2026-11-28 03:00:00' is not an iso8601 timestamp (e.g. 2026-11-28T03:00:00.000Z)",
                result + "Id: unknown element (not in GetThingOutput)"),
                check(SYNTHETIC, "GetThing", 200, broken));
    }

    @Test
    void syntheticModel_errorCodeFromShapeName_whenTheModelGivesNoCode() {
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 500, error("Receiver", "ThingBrokenException")));
        assertEquals(List.of(), check(SYNTHETIC, "GetThing", 404, error("Sender", "ThingNotFound")));
        assertEquals(List.of("GetThing: /ErrorResponse/Error/Code: ThingNotFound must be answered with HTTP status 404, got 400"),
                check(SYNTHETIC, "GetThing", 400, error("Sender", "ThingNotFound")));
    }

    private static String error(String type, String code) {
        return """
                <ErrorResponse xmlns="http://example/doc/">
                  <Error>
                    <Type>%s</Type>
                    <Code>%s</Code>
                    <Message>something went wrong</Message>
                  </Error>
                  <RequestId>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</RequestId>
                </ErrorResponse>""".formatted(type, code);
    }
}
