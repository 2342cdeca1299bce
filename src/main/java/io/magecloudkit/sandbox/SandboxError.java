package io.magecloudkit.sandbox;

/**
 * An error answer in AWS's terms: the protocol layer renders it as the service's JSON
 * {@code __type} body or query-protocol {@code <ErrorResponse>} XML.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html">Common errors</a>
 */
public class SandboxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final boolean senderFault;

    public SandboxError(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public SandboxError(int status, String code, String message, boolean senderFault) {
        super(message);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean senderFault() {
        return senderFault;
    }

    public static SandboxError validation(String code, String message) {
        return new SandboxError(400, code, message);
    }
}
