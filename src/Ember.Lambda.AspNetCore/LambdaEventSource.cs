namespace Ember.Lambda.AspNetCore;

/// <summary>Which events the app receives, and so how requests are read and responses written.</summary>
public enum LambdaEventSource
{
    /// <summary>An HTTP API (payload format 2.0).</summary>
    HttpApi,

    /// <summary>A REST API (API Gateway proxy events, payload format 1.0); also an HTTP API route on format 1.0.</summary>
    RestApi,

    /// <summary>A Function URL (the same shape as HTTP API payload 2.0).</summary>
    FunctionUrl,
}
