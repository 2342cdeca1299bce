package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The library's Groovy passes the CPS safety check, and the check catches what it is for. */
class CpsSafetyTest {
    @Test
    void theLibrarysGroovyIsCpsSafe() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> vars = Files.list(Path.of("vars")); Stream<Path> src = Files.walk(Path.of("src"))) {
            vars.filter(p -> p.toString().endsWith(".groovy")).forEach(files::add);
            src.filter(p -> p.toString().endsWith(".groovy")).forEach(files::add);
        }
        assertTrue(files.size() >= 5, files.toString());
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            problems.addAll(CpsSafety.problems(f.toString(), Files.readString(f)));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void groovyUnderSrcIsOnlyThePipelineHelpers() throws Exception {
        try (Stream<Path> src = Files.walk(Path.of("src"))) {
            assertEquals(List.of(), src.filter(p -> p.toString().endsWith(".groovy"))
                    .filter(p -> !p.getParent().equals(Path.of("src/io/magecloudkit/pipeline"))).toList());
        }
    }

    static Stream<Arguments> unsafe() {
        return Stream.of(
                Arguments.of("def call(Map p) { p.keySet().findAll { it } }", "a closure outside @NonCPS"),
                Arguments.of("@NonCPS def f(Map p) { sh 'ls' }", "@NonCPS code calls the pipeline step sh"),
                Arguments.of("def call() { def m = ('a' =~ /a/) }", "=~ makes a Matcher"),
                Arguments.of("def call() { Map r = readJSON(file: 'x') }", "readJSON's result must go straight into plain"),
                Arguments.of("def call() { new URL('http://x').text }", "new URL on the controller"),
                Arguments.of("def call() { 'aws ecs list-clusters'.execute() }", "execute() works on the controller"),
                Arguments.of("def call() { def s = new groovy.json.JsonSlurper() }", "new JsonSlurper on the controller"),
                Arguments.of("def call(List l) { def it = l.iterator(); sh 'x' }", "an iterator cannot be serialised"),
                Arguments.of("import software.amazon.awssdk.services.ecs.EcsClient\ndef call() { }", "AWS SDK or @Grab"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void unsafe(String source, String problem) {
        List<String> found = CpsSafety.problems("x.groovy", source);
        assertTrue(found.stream().anyMatch(p -> p.contains(problem)), found.toString());
    }

    @Test
    void whatIsAllowed_isNotReported() {
        assertEquals(List.of(), CpsSafety.problems("x.groovy", """
                def call(Map p) {
                    Map r = plain(readJSON(file: 'x'))
                    withCredentials([[$class: 'X']]) { sh 'mck' }
                    lock('staging') { echo 'x' }
                    return r
                }
                @NonCPS
                def plain(Object v) { v.collect { it } }
                """));
    }
}
