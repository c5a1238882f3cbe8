// Calls InvokeWithResponseStream with the AWS SDK for JavaScript v3 and prints each event it decodes as a JSON line:
//   node invoke-stream.mjs ENDPOINT FUNCTION PAYLOAD_JSON
// The SDK checks every frame (prelude and message CRCs, headers) as it decodes; a bad frame is an error here.
import { LambdaClient, InvokeWithResponseStreamCommand } from "@aws-sdk/client-lambda";

const [endpoint, functionName, payload] = process.argv.slice(2);
const client = new LambdaClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "test", secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "test" },
});
const started = Date.now();
const response = await client.send(new InvokeWithResponseStreamCommand({
  FunctionName: functionName,
  Payload: Buffer.from(payload),
  LogType: "Tail",
}));
console.log(JSON.stringify({ type: "Response", statusCode: response.StatusCode, executedVersion: response.ExecutedVersion }));
for await (const event of response.EventStream) {
  if (event.PayloadChunk) {
    console.log(JSON.stringify({ type: "PayloadChunk", text: Buffer.from(event.PayloadChunk.Payload).toString("utf8"), ms: Date.now() - started }));
  } else if (event.InvokeComplete) {
    console.log(JSON.stringify({ type: "InvokeComplete", ...event.InvokeComplete, ms: Date.now() - started }));
  }
}
