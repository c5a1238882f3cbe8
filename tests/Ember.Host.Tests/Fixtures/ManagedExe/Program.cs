using System.Buffers;
using System.Text;
using Ember.Lambda;

// Answers the event with the runtime it was told (AWS_EXECUTION_ENV) in front.
await LambdaBootstrap.RunAsync((input, output, context) =>
{
    output.Write(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("AWS_EXECUTION_ENV") + " "));
    output.Write(input);
});
