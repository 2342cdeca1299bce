package io.magecloudkit.sandbox.botocore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotocoreModelTest {
    @TempDir
    Path temp;

    @Test
    void installedModels_haveTheProtocolsTheSandboxSpeaks() {
        for (String service : List.of("ecs", "ecr", "ssm")) {
            BotocoreModel model = BotocoreModel.load(service);
            assertEquals(Protocol.JSON, model.protocol(), service);
            assertEquals("unixTimestamp", model.defaultTimestampFormat(), service);
        }
        assertEquals("http://cloudformation.amazonaws.com/doc/2010-05-15/", BotocoreModel.load("cloudformation").xmlNamespace());
        assertEquals("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", BotocoreModel.load("elbv2").xmlNamespace());
        BotocoreModel sts = BotocoreModel.load("sts");
        assertEquals(Protocol.QUERY, sts.protocol());
        assertEquals("2011-06-15", sts.apiVersion());
        assertEquals("iso8601", sts.defaultTimestampFormat());
        assertSame(sts, BotocoreModel.load("sts"), "models are loaded once");
    }

    @Test
    void operations_knowTheirOutputResultWrapperAndErrors() {
        BotocoreModel cfn = BotocoreModel.load("cloudformation");
        Operation createStack = cfn.operation("CreateStack").orElseThrow();
        assertEquals("CreateStackOutput", createStack.outputShape());
        assertEquals("CreateStackResult", createStack.resultWrapper());
        assertTrue(createStack.errorShapes().contains("AlreadyExistsException"), createStack.errorShapes().toString());
        Operation deleteStack = cfn.operation("DeleteStack").orElseThrow();
        assertFalse(deleteStack.hasOutput());
        assertNull(deleteStack.resultWrapper());
        assertTrue(cfn.operation("NoSuchOperation").isEmpty());

        BotocoreModel elbv2 = BotocoreModel.load("elbv2");
        Operation describeTags = elbv2.operation("DescribeTags").orElseThrow();
        assertEquals("LoadBalancerNotFoundException",
                elbv2.declaredError(describeTags, "LoadBalancerNotFound").orElseThrow().name());
        assertTrue(elbv2.declaredError(describeTags, "LoadBalancerNotFoundException").isEmpty());

        BotocoreModel ecs = BotocoreModel.load("ecs");
        assertEquals(List.of("COMPLETED", "FAILED", "IN_PROGRESS"), ecs.shape("DeploymentRolloutState").enumValues());
        assertEquals(Set.of("enable", "rollback"), ecs.shape("DeploymentCircuitBreaker").required());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ecs.shape("NoSuchShape"));
        assertEquals("ecs model has no shape NoSuchShape", unknown.getMessage());
    }

    @Test
    void gzipCompressedModels_andTheNewestApiVersion_areFound() throws IOException {
        Path source = BotocoreModel.modelFile("sts");
        Path older = Files.createDirectories(temp.resolve("sts/2011-06-15"));
        Files.copy(source, older.resolve("service-2.json"));
        Path newer = Files.createDirectories(temp.resolve("sts/2030-01-01"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(newer.resolve("service-2.json.gz")))) {
            Files.copy(source, out);
        }
        Files.createDirectories(temp.resolve("sts/2040-01-01")); // a version folder without a model is skipped

        Path gz = BotocoreModel.newestModelIn(temp.resolve("sts"));
        assertEquals(newer.resolve("service-2.json.gz"), gz);
        BotocoreModel fromGzip = BotocoreModel.read("sts", gz);
        assertEquals(BotocoreModel.load("sts").operationNames(), fromGzip.operationNames());
    }

    @Test
    void missingBotocore_failsWithAClearMessage() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> BotocoreModel.findDataDirectory(
                List.of(temp.resolve("nowhere/botocore/data")), List.of(temp.resolve("no-python").toString())));
        assertTrue(missing.getMessage().startsWith("botocore service models not found (searched " + temp.resolve("nowhere/botocore/data")),
                missing.getMessage());
        assertTrue(missing.getMessage().endsWith(
                "install the Debian package python3-botocore (the repository's ./test script does)"), missing.getMessage());
    }

    @Test
    void dataDirectory_isFoundThroughPythonWhenNotInAStandardPlace() {
        Path viaPython = BotocoreModel.findDataDirectory(List.of(temp.resolve("nowhere")), List.of("/usr/bin/python3"));
        assertTrue(Files.isDirectory(viaPython.resolve("ecs")), viaPython.toString());
    }

    @Test
    void unknownService_isNamed() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> BotocoreModel.load("no-such-service"));
        assertTrue(missing.getMessage().startsWith("python3-botocore has no model for service 'no-such-service'"),
                missing.getMessage());
    }

    @Test
    void aFileThatIsNotAModel_isRejected() throws IOException {
        Path notAModel = Files.writeString(temp.resolve("service-2.json"), "{\"metadata\": {}}");
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> BotocoreModel.read("bogus", notAModel));
        assertEquals("not a botocore service model (no operations or shapes): bogus", rejected.getMessage());
    }

}
