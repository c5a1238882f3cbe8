namespace Ember.Lambda.Tests.Runtime;

public sealed record Greeting(string? Name, int Count);
