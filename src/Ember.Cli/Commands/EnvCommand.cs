using System.CommandLine;
using Ember.Host;
using Ember.Host.Auth;

namespace Ember.Cli.Commands;

/// <summary>`ember env`: the shell lines that point the AWS CLI and SDKs at a host, with its credentials.</summary>
internal static class EnvCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var port = new Option<int>("--port", "-p") { Description = "The host's port.", DefaultValueFactory = _ => 9001 };
        var command = new Command("env", "Print export lines for a shell (eval \"$(ember env)\"): the host's credentials, region and endpoint.")
        {
            dataDir, port,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(dataDir)!.FullName;
            if (HostCredentials.Load(directory) is not { } credentials)
            {
                Console.Error.WriteLine($"ember: {HostCredentials.PathIn(directory)} holds no credentials; ember up makes them on its first start (unless --no-auth).");
                return 1;
            }
            Console.WriteLine($"export AWS_ACCESS_KEY_ID={credentials.AccessKeyId}");
            Console.WriteLine($"export AWS_SECRET_ACCESS_KEY={credentials.SecretAccessKey}");
            Console.WriteLine("unset AWS_SESSION_TOKEN");
            Console.WriteLine($"export AWS_REGION={HostIdentity.DefaultRegion}");
            Console.WriteLine($"export AWS_DEFAULT_REGION={HostIdentity.DefaultRegion}");
            Console.WriteLine($"export AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{parse.GetValue(port)}");
            return 0;
        });
        return command;
    }
}
