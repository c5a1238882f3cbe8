namespace Ember.Host.Functions;

/// <summary>
/// How Lambda handles a function's asynchronous invocations (PutFunctionEventInvokeConfig), for one of its
/// qualifiers: how often a failed event is retried (0–2; 2 when unset), how old an event may grow (60–21,600 s;
/// 6 hours when unset), and where a record of each success or final failure goes (a Lambda function's ARN).
/// </summary>
internal sealed record EventInvokeConfig(
    int? MaximumRetryAttempts,
    int? MaximumEventAgeInSeconds,
    string? OnSuccess,
    string? OnFailure,
    DateTimeOffset LastModified);
