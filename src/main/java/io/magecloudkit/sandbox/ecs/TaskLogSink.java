package io.magecloudkit.sandbox.ecs;

/**
 * Where the awslogs driver of a simulated container writes: CloudWatch Logs in the sandbox.
 * The ECS simulation knows only this, not the logs service.
 */
public interface TaskLogSink {
    TaskLogSink NONE = new TaskLogSink() {
        @Override
        public void openStream(String group, String stream, long t) {
        }

        @Override
        public void write(String group, String stream, long timestamp, String message) {
        }

        @Override
        public boolean groupExists(String group) {
            return true;
        }
    };

    /** Whether the log group exists: without awslogs-create-group, the driver cannot start a container logging to a missing one. */
    boolean groupExists(String group);

    /** The container started: the driver creates its stream (and the group when it does not exist). */
    void openStream(String group, String stream, long t);

    void write(String group, String stream, long timestamp, String message);
}
