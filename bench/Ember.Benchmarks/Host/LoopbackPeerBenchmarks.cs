using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Ember.Host.RuntimeApi;

namespace Ember.Benchmarks.Host;

/// <summary>
/// What the Runtime API's check costs once per connection: finding which process holds the client
/// end (the kernel's socket table, then the candidates' /proc/&lt;pid&gt;/fd). Here the candidate is
/// the benchmark process itself, which holds far more descriptors than a function's runtime does,
/// so this is an upper bound for one candidate.
/// Run: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*LoopbackPeer*'
/// </summary>
[MemoryDiagnoser]
public class LoopbackPeerBenchmarks
{
    private TcpListener _listener = null!;
    private TcpClient _client = null!;
    private Socket _accepted = null!;
    private IPEndPoint _clientEnd = null!;
    private IPEndPoint _serverEnd = null!;
    private int[] _self = null!;

    [GlobalSetup]
    public void Setup()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _client = new TcpClient(AddressFamily.InterNetwork);
        _client.Connect(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        _accepted = _listener.AcceptSocket();
        _clientEnd = (IPEndPoint)_accepted.RemoteEndPoint!;
        _serverEnd = (IPEndPoint)_accepted.LocalEndPoint!;
        _self = [Environment.ProcessId];
        Console.WriteLine($"open descriptors of the candidate: {Directory.GetFileSystemEntries("/proc/self/fd").Length}");
    }

    [Benchmark]
    public bool HeldByTheConnectingProcess() => LoopbackPeer.IsHeldBy(_clientEnd, _serverEnd, _self);

    [Benchmark]
    public bool HeldByNoCandidate() => LoopbackPeer.IsHeldBy(_clientEnd, _serverEnd, []);

    [GlobalCleanup]
    public void Cleanup()
    {
        _accepted.Dispose();
        _client.Dispose();
        _listener.Stop();
    }
}
