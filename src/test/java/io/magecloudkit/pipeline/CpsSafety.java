package io.magecloudkit.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * What keeps the library's Groovy safe under Jenkins' CPS interpreter, checked on its syntax tree:
 * <ul>
 * <li>a closure outside a {@code @NonCPS} method only as the body of a block step (withCredentials,
 *     lock, ...): CPS-transformed closures handed to each/collect/findAll misbehave;</li>
 * <li>a {@code @NonCPS} method calls no pipeline step;</li>
 * <li>no object CPS cannot serialise made outside {@code @NonCPS} (a regex Matcher, JsonSlurper's
 *     lazy maps, an iterator), and readJSON's result only as the argument of {@code plain(...)};</li>
 * <li>no AWS, HTTP or process work on the controller: no AWS SDK, URL, {@code execute()}, {@code @Grab}.</li>
 * </ul>
 */
final class CpsSafety {
    static final Set<String> BLOCK_STEPS = Set.of("withCredentials", "withEnv", "lock", "dir", "timeout", "node", "stage",
            "retry", "catchError", "script", "ws");
    static final Set<String> STEPS = Set.of("sh", "echo", "error", "readJSON", "readFile", "writeFile", "fileExists",
            "libraryResource", "withCredentials", "unstable", "input", "lock", "sleep", "withEnv");
    static final Set<String> FORBIDDEN_TYPES = Set.of("JsonSlurper", "URL", "HttpURLConnection", "Thread", "Socket",
            "ProcessBuilder", "Scanner");

    private CpsSafety() {
    }

    /** Problems of one Groovy source, each "file:line: what". */
    static List<String> problems(String name, String source) {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit sourceUnit = unit.addSource(name, source);
        unit.compile(Phases.CONVERSION);
        ModuleNode module = sourceUnit.getAST();
        List<String> problems = new ArrayList<>();
        for (ClassNode c : module.getClasses()) {
            new Visitor(sourceUnit, name, problems).visitClass(c);
        }
        if (module.getImports().stream().anyMatch(i -> i.getClassName().startsWith("software.amazon")
                || i.getClassName().startsWith("com.amazonaws")) || source.contains("@Grab")) {
            problems.add(name + ": AWS SDK or @Grab in library Groovy: AWS work belongs to mck on the agent");
        }
        return problems;
    }

    private static final class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final String name;
        private final List<String> problems;
        private final Set<ClosureExpression> stepBodies = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Expression> plainArguments = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean nonCps;

        Visitor(SourceUnit source, String name, List<String> problems) {
            this.source = source;
            this.name = name;
            this.problems = problems;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        private void problem(Expression at, String what) {
            problems.add(name + ":" + at.getLineNumber() + ": " + what);
        }

        @Override
        public void visitMethod(MethodNode node) {
            boolean was = nonCps;
            nonCps = false;
            for (AnnotationNode a : node.getAnnotations()) {
                nonCps |= a.getClassNode().getNameWithoutPackage().equals("NonCPS");
            }
            super.visitMethod(node);
            nonCps = was;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            check(call.getMethodAsString(), call.getArguments(), call);
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            check(call.getMethod(), call.getArguments(), call);
            super.visitStaticMethodCallExpression(call);
        }

        private void check(String method, Expression arguments, Expression call) {
            List<Expression> args = arguments instanceof TupleExpression t ? t.getExpressions() : List.of();
            if (method == null) {
                return;
            }
            if (BLOCK_STEPS.contains(method) && !args.isEmpty() && args.get(args.size() - 1) instanceof ClosureExpression body) {
                stepBodies.add(body);
            }
            if (method.equals("plain") && arguments instanceof ArgumentListExpression) {
                plainArguments.addAll(args);
            }
            if (method.equals("readJSON") && !plainArguments.contains(call)) {
                problem(call, "readJSON's result must go straight into plain(...): its net.sf.json objects cannot be kept across steps");
            }
            if (nonCps && STEPS.contains(method)) {
                problem(call, "@NonCPS code calls the pipeline step " + method + ": steps run only in CPS code");
            }
            if (method.equals("execute") || method.equals("openConnection") || method.equals("toURL")) {
                problem(call, method + "() works on the controller: run it on the agent through mck");
            }
            if (!nonCps && method.equals("iterator")) {
                problem(call, "an iterator cannot be serialised at the next step: loop with for (x : list) or in @NonCPS");
            }
        }

        @Override
        public void visitClosureExpression(ClosureExpression closure) {
            if (!nonCps && !stepBodies.contains(closure)) {
                problems.add(name + ":" + closure.getLineNumber() + ": a closure outside @NonCPS (only a block step's body may be one)");
            }
            super.visitClosureExpression(closure);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression e) {
            if (!nonCps && e.getOperation().getText().equals("=~")) {
                problem(e, "=~ makes a Matcher, which cannot be serialised at the next step: use ==~ or a @NonCPS helper");
            }
            super.visitBinaryExpression(e);
        }

        @Override
        public void visitConstructorCallExpression(ConstructorCallExpression call) {
            String type = call.getType().getNameWithoutPackage();
            if (FORBIDDEN_TYPES.contains(type) && (!nonCps || !type.equals("JsonSlurper"))) {
                problem(call, "new " + type + " on the controller: " + (type.equals("JsonSlurper")
                        ? "its lazy maps cannot be serialised; use JsonSlurperClassic" : "network, process and thread work belongs to mck on the agent"));
            }
            super.visitConstructorCallExpression(call);
        }
    }
}
