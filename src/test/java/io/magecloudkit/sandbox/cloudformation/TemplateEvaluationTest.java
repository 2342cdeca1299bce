package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.SandboxError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template parser, the intrinsic functions, parameters and the dependency graph, without any server. */
class TemplateEvaluationTest {
    private static final CloudEnvironment ENVIRONMENT = new CloudEnvironment("us-east-1", "123456789012",
            name -> name.equals("/aws/service/ami") ? "ami-0abc" : null, name -> name.equals("net-VpcId") ? "vpc-1" : null);

    @Test
    void reader_turnsShortFormsIntoLongForms() {
        Map<String, Object> root = TemplateReader.read("""
                AWSTemplateFormatVersion: 2010-09-09
                Resources:
                  A:
                    Type: X
                    Properties:
                      R: !Ref B
                      G: !GetAtt B.Endpoint.Address
                      S: !Sub [ "${x}-y", { x: !Ref B } ]
                      J: !Join [ ",", [ a, b ] ]
                      Z: !GetAZs ""
                      I: !ImportValue shared
                """);
        assertEquals("2010-09-09", root.get("AWSTemplateFormatVersion"));
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) root.get("Resources")).get("A")).get("Properties");
        assertEquals(Map.of("Ref", "B"), props.get("R"));
        assertEquals(Map.of("Fn::GetAtt", List.of("B", "Endpoint.Address")), props.get("G"));
        assertEquals(Map.of("Fn::Sub", List.of("${x}-y", Map.of("x", Map.of("Ref", "B")))), props.get("S"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", "b"))), props.get("J"));
        assertEquals(Map.of("Fn::GetAZs", ""), props.get("Z"));
        assertEquals(Map.of("Fn::ImportValue", "shared"), props.get("I"));
    }

    @Test
    void reader_reportsMalformedYamlWithItsPosition() {
        SandboxError error = assertThrows(SandboxError.class, () -> TemplateReader.read("Resources:\n  A: [unclosed\n"));
        assertTrue(error.getMessage().startsWith("Template format error: YAML not well-formed. (line"), error.getMessage());
        assertTrue(assertThrows(SandboxError.class, () -> TemplateReader.read("{\"Resources\": ")).getMessage()
                .startsWith("Template format error: JSON not well-formed."));
    }

    @Test
    void intrinsics_evaluateFunctionsConditionsAndPseudoParameters() {
        Template template = Template.parse("""
                Parameters:
                  Env: {Type: String, Default: production}
                  Zones: {Type: CommaDelimitedList, Default: "a, b"}
                  Ami: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami}
                Mappings:
                  Sizes: {production: {Db: db.r6g.large}}
                Conditions:
                  Prod: !Equals [!Ref Env, production]
                  NotProd: !Not [!Condition Prod]
                  Both: !And [!Condition Prod, !Equals [a, a]]
                Resources:
                  Thing:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: !Sub "/${AWS::StackName}/${Env}/${!literal}"
                      Region: !Ref AWS::Region
                      Size: !FindInMap [Sizes, !Ref Env, Db]
                      Retention: !If [NotProd, 7, 90]
                      Maybe: !If [NotProd, x, !Ref AWS::NoValue]
                      Second: !Select [1, !Ref Zones]
                      Azs: !GetAZs ""
                      Subnets: !Cidr ["10.0.0.0/16", 3, 8]
                      Parts: !Split ["-", "a-b-c"]
                      Image: !Ref Ami
                      Imported: !ImportValue net-VpcId
                      Encoded: !Base64 hi
                      Arn: !Sub "arn:${AWS::Partition}:s3:::${AWS::AccountId}-bucket.${AWS::URLSuffix}"
                """);
        StackContext context = new StackContext(template, "id-1", "shop", ParameterResolver.resolve(template, Map.of()), ENVIRONMENT,
                new StackContext.ResourceValues() {
                    @Override
                    public Object ref(String logicalId) {
                        return "ref-" + logicalId;
                    }

                    @Override
                    public Object attribute(String logicalId, String attribute) {
                        return logicalId + "." + attribute;
                    }
                });
        assertTrue(context.intrinsics.condition("Both"));
        assertFalse(context.intrinsics.condition("NotProd"));
        Map<String, Object> p = context.properties("Thing");
        assertEquals("/shop/production/${literal}", p.get("Name"));
        assertEquals("us-east-1", p.get("Region"));
        assertEquals("db.r6g.large", p.get("Size"));
        assertEquals(90, p.get("Retention"));
        assertFalse(p.containsKey("Maybe"), "AWS::NoValue removes the property");
        assertEquals("b", p.get("Second"));
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"), p.get("Azs"));
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), p.get("Subnets"));
        assertEquals(List.of("a", "b", "c"), p.get("Parts"));
        assertEquals("ami-0abc", p.get("Image"));
        assertEquals("vpc-1", p.get("Imported"));
        assertEquals("aGk=", p.get("Encoded"));
        assertEquals("arn:aws:s3:::123456789012-bucket.amazonaws.com", p.get("Arn"));
        assertEquals(List.of("net-VpcId"), List.copyOf(context.imports));
    }

    @Test
    void cidr_splitsBlocksOfAnySize() {
        assertEquals(List.of("10.1.0.0/20", "10.1.16.0/20"), CidrFunction.subnets("10.1.0.0/16", 2, 12));
        assertEquals(List.of("192.168.0.128/27"), CidrFunction.subnets("192.168.0.128/25", 1, 5));
        assertThrows(SandboxError.class, () -> CidrFunction.subnets("10.0.0.0/24", 4, 8));
    }

    @Test
    void parameters_validateAsCloudFormationDoes() {
        Template template = Template.parse("""
                Parameters:
                  Name: {Type: String, AllowedPattern: "[a-z]+", MinLength: 2, MaxLength: 5}
                  Count: {Type: Number, MinValue: 1, MaxValue: 3, Default: 2}
                Resources:
                  R: {Type: AWS::SNS::Topic}
                """);
        assertEquals(Map.of("Name", "abc", "Count", "2"), ParameterResolver.resolve(template, Map.of("Name", "abc")));
        assertEquals("Parameter 'Name' must match pattern [a-z]+",
                assertThrows(SandboxError.class, () -> ParameterResolver.resolve(template, Map.of("Name", "ABC"))).getMessage());
        assertEquals("Parameter 'Name' must contain at least 2 characters",
                assertThrows(SandboxError.class, () -> ParameterResolver.resolve(template, Map.of("Name", "a"))).getMessage());
        assertEquals("Parameter 'Count' must be a number not greater than 3",
                assertThrows(SandboxError.class, () -> ParameterResolver.resolve(template, Map.of("Name", "ab", "Count", "4"))).getMessage());
        assertEquals("Parameter 'Count' must be a number",
                assertThrows(SandboxError.class, () -> ParameterResolver.resolve(template, Map.of("Name", "ab", "Count", "x"))).getMessage());
        assertEquals("Parameters: [Other] do not exist in the template",
                assertThrows(SandboxError.class, () -> ParameterResolver.resolve(template, Map.of("Name", "ab", "Other", "x"))).getMessage());
    }

    @Test
    void graph_ordersDependenciesAndNamesCyclesAndUnresolvedReferences() {
        Template template = Template.parse("""
                Resources:
                  Service: {Type: AWS::ECS::Service, Properties: {Cluster: !Ref Cluster, LoadBalancers: [{TargetGroupArn: !Ref Tg}]}}
                  Tg: {Type: AWS::ElasticLoadBalancingV2::TargetGroup, Properties: {VpcId: !ImportValue vpc}}
                  Cluster: {Type: AWS::ECS::Cluster}
                  Alarm: {Type: AWS::CloudWatch::Alarm, DependsOn: [Service], Properties: {Name: !Sub "${Service.Name}-${AWS::Region}"}}
                """);
        DependencyGraph graph = DependencyGraph.of(template);
        assertEquals(List.of("Tg", "Cluster", "Service", "Alarm"), graph.creationOrder());
        assertEquals(java.util.Set.of("Alarm"), graph.dependentsOf("Service"));

        SandboxError cycle = assertThrows(SandboxError.class, () -> DependencyGraph.of(Template.parse("""
                Resources:
                  A: {Type: T, DependsOn: C}
                  B: {Type: T, Properties: {X: !GetAtt A.Arn}}
                  C: {Type: T, Properties: {X: !Sub "${B}"}}
                  D: {Type: T}
                """)));
        assertEquals("Template format error: Circular dependency between resources: [A, B, C]", cycle.getMessage());
        SandboxError unresolved = assertThrows(SandboxError.class, () -> DependencyGraph.of(Template.parse("""
                Resources:
                  A: {Type: T, DependsOn: Ghost, Properties: {X: !Ref Phantom}}
                """)));
        assertEquals("Template format error: Unresolved resource dependencies [Ghost, Phantom] in the Resources block of the template",
                unresolved.getMessage());
    }

    @Test
    void template_rejectsUnknownAttributesWhereTheTypeIsKnown() {
        SandboxError error = assertThrows(SandboxError.class, () -> TemplateValidator.validate("""
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
                Outputs:
                  X: {Value: !GetAtt Vpc.Nonsense}
                """));
        assertEquals("Template error: resource Vpc does not support attribute type Nonsense in Fn::GetAtt", error.getMessage());
    }

    @Test
    void replacementRules_comeFromTheDataTable() {
        ReplacementRules rules = ReplacementRules.standard();
        assertTrue(rules.requiresReplacement("AWS::EC2::Subnet", "CidrBlock"));
        assertTrue(rules.requiresReplacement("AWS::ECS::TaskDefinition", "ContainerDefinitions"));
        assertFalse(rules.requiresReplacement("AWS::ECS::Service", "DesiredCount"));
        assertFalse(rules.requiresReplacement("AWS::Unknown::Thing", "Anything"));
    }
}
