using System.Diagnostics;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// No limits; peak memory is the runtime process's own high-water mark (VmHWM). The baseline
/// used until a cgroup-based isolation is chosen.
/// </summary>
internal sealed class PeakRssIsolation : IEnvironmentIsolation
{
    public string Description => "no limits: memory and CPU are not enforced; peak memory is the runtime process's high-water mark";

    public IEnvironmentSandbox Create(string environmentId, int memoryMb) => new Sandbox();

    private sealed class Sandbox : IEnvironmentSandbox
    {
        private int _pid;
        private long _peak;

        public void Prepare(ProcessStartInfo start)
        {
        }

        public void Attach(Process process) => _pid = process.Id;

        public long PeakMemoryBytes()
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
                        _peak = Math.Max(_peak, kb * 1024);
                    }
                }
            }
            catch (IOException)
            {
            }
            return _peak;
        }

        public bool OutOfMemoryKilled() => false;

        public void Freeze()
        {
        }

        public void Thaw()
        {
        }

        public void Dispose()
        {
        }
    }
}
