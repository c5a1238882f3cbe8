namespace Ember.Host.Tests.Isolation;

/// <summary>The python3 one-liners the isolation tests run as functions.</summary>
internal static class Scripts
{
    /// <summary>Touches argv[1] MB (bytes * n writes every page, unlike a calloc'd bytearray), says "ready", waits for stdin.</summary>
    public const string Hold = "import sys\nb = b'\\x01' * (int(sys.argv[1]) * 1024 * 1024)\nprint('ready')\nsys.stdin.read()";

    /// <summary>Says "ready", then burns CPU forever.</summary>
    public const string Spin = "print('ready')\nwhile True:\n    pass";

    /// <summary>
    /// A background thread counts every 5 ms into the file argv[1] (20 characters, rewritten in
    /// place) while the main thread idles on stdin. A file, not stdout: what it holds once the
    /// process is frozen is the count at the freeze, with no pipe left to drain.
    /// </summary>
    public const string Count =
        "import os, sys, threading, time\n" +
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)\n" +
        "def run():\n    c = 0\n    while True:\n        c += 1\n        os.pwrite(fd, b'%20d' % c, 0)\n        time.sleep(0.005)\n" +
        "print('ready')\nthreading.Thread(target=run, daemon=True).start()\nsys.stdin.read()";

    /// <summary>Prints its arguments as JSON and its cgroup membership, one per line.</summary>
    public const string Echo = "import sys, json\nprint(json.dumps(sys.argv[1:]))\nprint(open('/proc/self/cgroup').read().replace('\\n', ' '))";

    /// <summary>Starts a child that outlives it unless killed: a straggler.</summary>
    public const string Straggler = "import subprocess, sys\np = subprocess.Popen(['sleep', '1000'])\nprint(p.pid)\nprint('ready')\nsys.stdin.read()";
}
