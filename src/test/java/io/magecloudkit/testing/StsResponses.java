package io.magecloudkit.testing;

/** STS answers shaped as the query protocol returns them. */
public final class StsResponses {
    private StsResponses() {
    }

    public static RecordingHttpServer.Response callerIdentity(String account, String arn) {
        return new RecordingHttpServer.Response(200, "text/xml",
                "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult><Arn>" + arn + "</Arn><UserId>AIDATEST</UserId>"
                        + "<Account>" + account + "</Account></GetCallerIdentityResult>"
                        + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId>"
                        + "</ResponseMetadata></GetCallerIdentityResponse>");
    }

    public static RecordingHttpServer.Response error(int status, String code, String message) {
        return new RecordingHttpServer.Response(status, "text/xml",
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>00000000-0000-0000-0000-000000000002</RequestId></ErrorResponse>");
    }
}
