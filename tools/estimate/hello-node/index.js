// A hello-world custom runtime in Node.js with its standard library only: a calibration point of the
// lab's AWS estimate (AWS's nodejs runtimes use their own runtime interface client).
'use strict';
const http = require('http');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path, agent, headers: body ? { 'content-type': 'application/json' } : {} }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function handler(event) {
  return { statusCode: 200, body: 'hello from node' };
}

(async () => {
  for (;;) {
    const next = await call('GET', '/2018-06-01/runtime/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const result = await handler(JSON.parse(next.body.toString() || 'null'));
    await call('POST', `/2018-06-01/runtime/invocation/${id}/response`, JSON.stringify(result));
  }
})();
