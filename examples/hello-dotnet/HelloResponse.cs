namespace HelloDotnet;

internal sealed record HelloResponse(string Message);
