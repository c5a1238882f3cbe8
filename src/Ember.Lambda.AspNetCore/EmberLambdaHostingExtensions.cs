using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ember.Lambda.AspNetCore;

/// <summary>Runs an ASP.NET Core app as a Lambda function when it is one, and as itself otherwise.</summary>
public static class EmberLambdaHostingExtensions
{
    /// <summary>
    /// In a Lambda environment (<c>AWS_LAMBDA_RUNTIME_API</c> set), replaces the app's server (Kestrel)
    /// with one that serves Lambda events of <paramref name="eventSource"/> in-process: the app's
    /// endpoints, middleware and results run unchanged. Elsewhere it changes nothing, so the same app
    /// runs locally on Kestrel (<c>dotnet run</c>).
    /// </summary>
    public static IServiceCollection AddEmberLambdaHosting(this IServiceCollection services, LambdaEventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")))
        {
            return services;
        }
        services.RemoveAll<IServer>();
        services.AddSingleton<IServer>(new LambdaServer(eventSource));
        return services;
    }
}
