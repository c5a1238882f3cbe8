using System.Buffers;
using Ember.Lambda;

LambdaBootstrap.OnShutdown(() => Console.WriteLine("shutdown callback ran"));
await LambdaBootstrap.RunAsync((input, output, _) => output.Write(input));
