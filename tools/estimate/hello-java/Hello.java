// A hello-world custom runtime in Java with the JDK only (java.net.http): a calibration point of the
// lab's AWS estimate (AWS's java runtimes use their own runtime interface client).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public final class Hello {
    public static void main(String[] args) throws Exception {
        var api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (true) {
            var next = client.send(HttpRequest.newBuilder(URI.create(api + "next")).build(), HttpResponse.BodyHandlers.ofString());
            var id = next.headers().firstValue("lambda-runtime-aws-request-id").orElseThrow();
            var body = "{\"statusCode\":200,\"body\":\"hello from java\"}";
            client.send(HttpRequest.newBuilder(URI.create(api + id + "/response")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        }
    }
}
