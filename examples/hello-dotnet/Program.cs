using Ember.Lambda;
using HelloDotnet;

// {"name":"x"} -> {"message":"Hello, x"}; {"fail":true} throws, and Lambda reports the error.
await LambdaBootstrap.RunAsync(HelloFunction.Handle, HelloJsonContext.Default.HelloRequest, HelloJsonContext.Default.HelloResponse);
