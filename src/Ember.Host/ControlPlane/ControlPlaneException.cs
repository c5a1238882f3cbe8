using Ember.Host.Wire;

namespace Ember.Host.ControlPlane;

/// <summary>A control-plane request Lambda would refuse: the status, x-amzn-ErrorType and message to answer with.</summary>
internal sealed class ControlPlaneException : Exception
{
    private ControlPlaneException(int status, string errorType, string message) : base(message)
    {
        Status = status;
        ErrorType = errorType;
    }

    public int Status { get; }
    public string ErrorType { get; }

    public static ControlPlaneException FunctionNotFound(string arn) => new(404, ErrorTypes.ResourceNotFound, $"Function not found: {arn}");

    public static ControlPlaneException NotFound(string message) => new(404, ErrorTypes.ResourceNotFound, message);

    public static ControlPlaneException Conflict(string message) => new(409, ErrorTypes.ResourceConflict, message);

    public static ControlPlaneException InvalidParameter(string message) => new(400, ErrorTypes.InvalidParameterValue, message);

    public static ControlPlaneException InvalidParameters(IReadOnlyList<string> problems) =>
        new(400, ErrorTypes.InvalidParameterValue, problems.Count == 1 ? problems[0] : $"{problems.Count} problems: {string.Join("; ", problems)}");

    public static ControlPlaneException InvalidRequestContent(string message) => new(400, ErrorTypes.InvalidRequestContent, message);

    public static ControlPlaneException PreconditionFailed(string message) => new(412, ErrorTypes.PreconditionFailed, message);
}
