using Ember.Lambda;

namespace HelloDotnet;

internal static class HelloFunction
{
    public static HelloResponse Handle(HelloRequest request, ILambdaContext context)
    {
        if (request.Fail)
        {
            throw new InvalidOperationException("The caller asked this invocation to fail.");
        }

        return new HelloResponse($"Hello, {request.Name}");
    }
}
