package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.MckException;
import io.magecloudkit.config.SecretRef;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the deploy's small pure decisions. */
class DeployDecisionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "r.example/shop/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa          | r.example/shop/nginx",
        "r.example:5000/shop/nginx:1-abc@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb | r.example:5000/shop/nginx",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/php@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc | 123456789012.dkr.ecr.eu-west-1.amazonaws.com/php"})
    void imageRef_pinned(String text, String repository) {
        assertEquals(repository, ImageRef.parse(text, "t").repository());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "r.example/shop/nginx:latest | has no digest",
        "r.example/shop/nginx        | has no digest",
        "r.example/shop/nginx@sha256:abc | is not repository@sha256:<64 hex digits>",
        "''                          | has no digest"})
    void imageRef_refused(String text, String why) {
        MckException e = assertThrows(MckException.class, () -> ImageRef.parse(text, "--image nginx"));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertEquals(true, e.getMessage().startsWith("--image nginx: image '") && e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ssm:/shop/db/password | eu-west-1 | arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db/password",
        "secretsmanager:shop/db | eu-west-1 | arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db",
        "secretsmanager:shop/db:password | eu-west-1 | arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db:password::",
        "ssm:/x | cn-north-1 | arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x",
        "arn:aws:ssm:us-east-1:999999999999:parameter/y | eu-west-1 | arn:aws:ssm:us-east-1:999999999999:parameter/y"})
    void secretArns(String reference, String region, String arn) {
        assertEquals(arn, SecretArns.valueFrom(SecretRef.parse(reference), region, "123456789012"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5,4,3,2,1 | 2 | 5      | 3,2,1",
        "5,4,3,2,1 | 2 | 5,1    | 3,2",
        "5,4,3,2,1 | 2 | 3      | 2,1",
        "5,4,3,2,1 | 1 | 5,4    | 3,2,1",
        "5,4       | 10 | 5     | ''",
        "5,4,3     | 0 | 5      | 4,3"})
    void revisionsToDeregister(String active, int keep, String protect, String expected) {
        List<String> gone = RevisionPruning.toDeregister(List.of(active.split(",")), keep, Set.of(protect.split(",")));
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), gone);
    }
}
