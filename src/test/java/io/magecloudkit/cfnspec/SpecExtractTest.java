package io.magecloudkit.cfnspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed extract is exactly what the generator makes of the pinned npm package. */
class SpecExtractTest {

    @Test
    void committedExtractIsWhatTheGeneratorMakesOfThePinnedPackage() throws IOException {
        String db = System.getProperty("mck.cfnspec.db");
        if (db == null || !Files.isRegularFile(Path.of(db))) {
            fail("the pinned " + SpecExtractGenerator.PACKAGE + "@" + SpecExtractGenerator.VERSION + " is not at " + db
                    + ": run ./test (it fetches it with npm)");
        }
        assertTrue(db.contains(SpecExtractGenerator.VERSION), "./test and the pom fetch the version the generator names");
        String expected = SpecExtractGenerator.generate(Files.readAllBytes(Path.of(db)));
        String committed;
        try (InputStream in = CfnSpec.class.getResourceAsStream(CfnSpec.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(committed)) {
            fail(CfnSpec.RESOURCE + " is not what the generator makes of " + db + "; regenerate it with:\n"
                    + "  mvn -B -o -q package -DskipTests && java -cp target/mck.jar " + SpecExtractGenerator.class.getName()
                    + " " + db + " resources" + CfnSpec.RESOURCE);
        }
    }

    @Test
    void extractRecordsThePackageVersionAndTheDatabaseDigest() throws IOException {
        CfnSpec spec = CfnSpec.bundled();
        assertEquals(SpecExtractGenerator.VERSION, spec.version());
        assertEquals(64, spec.dbSha256().length());
        String db = System.getProperty("mck.cfnspec.db");
        if (db != null && Files.isRegularFile(Path.of(db))) {
            assertEquals(SpecExtractGenerator.sha256(Files.readAllBytes(Path.of(db))), spec.dbSha256());
        }
    }

    @Test
    void readerSeesEveryResourceTypeWithPropertiesAttributesAndStatefulness() {
        CfnSpec spec = CfnSpec.bundled();
        assertTrue(spec.resourceTypes().size() > 1500, "every resource type, not only ours: " + spec.resourceTypes().size());
        ResourceSpec lt = spec.resource("AWS::EC2::LaunchTemplate").orElseThrow();
        assertTrue(lt.properties().get("LaunchTemplateData").required());
        assertEquals(PropertySpec.Replacement.YES, lt.properties().get("LaunchTemplateName").replacement());
        assertEquals("LaunchTemplateData", lt.properties().get("LaunchTemplateData").type().toString());
        assertEquals("string", lt.propertyType("MetadataOptions").orElseThrow().get("HttpTokens").type().toString());
        assertTrue(lt.attributes().containsKey("LatestVersionNumber"));
        ResourceSpec cluster = spec.resource("AWS::RDS::DBCluster").orElseThrow();
        assertTrue(cluster.attributes().containsKey("Endpoint.Address"));
        assertTrue(spec.resource("AWS::S3::Bucket").orElseThrow().properties().get("Tags").type() instanceof TypeExpr.ListOf);
        assertTrue(spec.resource("AWS::Not::There").isEmpty());
    }

    @Test
    void typeGrammarRoundTrips() {
        for (String t : new String[] {"string", "list<Tag>", "map<string>", "(string|list<json>)", "list<map<integer>>"}) {
            assertEquals(t, TypeExpr.parse(t).toString());
        }
    }
}
