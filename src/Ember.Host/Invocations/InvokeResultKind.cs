namespace Ember.Host.Invocations;

internal enum InvokeResultKind
{
    Completed,
    NotFound,
    Throttled,
}
