namespace HelloDotnet;

internal sealed record HelloRequest(string? Name, bool Fail);
