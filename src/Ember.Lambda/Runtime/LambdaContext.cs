using Ember.Lambda.RuntimeApi;

namespace Ember.Lambda.Runtime;

/// <summary>The context of one invocation.</summary>
internal sealed class LambdaContext : ILambdaContext, IDisposable
{
    private readonly Invocation _invocation;
    private readonly FunctionEnvironment _environment;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _deadline;

    public LambdaContext(Invocation invocation, FunctionEnvironment environment, ILambdaLogger logger, TimeProvider time)
    {
        _invocation = invocation;
        _environment = environment;
        _time = time;
        Logger = logger;
        Deadline = DateTimeOffset.FromUnixTimeMilliseconds(invocation.DeadlineUnixMs);
    }

    public string AwsRequestId => _invocation.RequestId;

    public DateTimeOffset Deadline { get; }

    public TimeSpan RemainingTime
    {
        get
        {
            var left = Deadline - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public string InvokedFunctionArn => _invocation.InvokedFunctionArn;

    public string TraceId => _invocation.TraceId;

    public IClientContext? ClientContext => MobileContext.Client(_invocation.ClientContext);

    public ICognitoIdentity? Identity => MobileContext.Identity(_invocation.CognitoIdentity);

    public string? ClientContextJson => _invocation.ClientContext;

    public string? CognitoIdentityJson => _invocation.CognitoIdentity;

    public string FunctionName => _environment.FunctionName;

    public string FunctionVersion => _environment.FunctionVersion;

    public int MemoryLimitInMB => _environment.MemoryLimitInMB;

    public string LogGroupName => _environment.LogGroupName;

    public string LogStreamName => _environment.LogStreamName;

    public ILambdaLogger Logger { get; }

    // Made on first use: most handlers never look at it, and a timer per invocation is not free.
    public CancellationToken CancellationToken
    {
        get
        {
            if (_deadline is null)
            {
                var due = RemainingTime - LambdaBootstrap.DeadlineMargin;
                _deadline = due > TimeSpan.Zero ? new CancellationTokenSource(due, _time) : new CancellationTokenSource();
                if (due <= TimeSpan.Zero)
                {
                    _deadline.Cancel();
                }
            }

            return _deadline.Token;
        }
    }

    public void Dispose() => _deadline?.Dispose();
}
