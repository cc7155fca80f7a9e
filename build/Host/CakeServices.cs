using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;
using Cake.Core.Packaging;
using Cake.Core.Tooling;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Builds the Cake context the engine and Cake.Common aliases need, from Cake.Core's own
/// implementations, as Cake.Frosting's service registrations do.
/// </summary>
public static class CakeServices
{
    public static ICakeContext CreateContext(ParsedArguments arguments)
    {
        var fileSystem = new FileSystem();
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var log = new SerilogCakeLog();
        var globber = new Globber(fileSystem, environment);
        var configuration = new CakeConfiguration(new Dictionary<string, string>());
        var tools = new ToolLocator(
            environment,
            new ToolRepository(environment),
            new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log)
        );
        return new CakeContext(
            fileSystem,
            environment,
            globber,
            log,
            new CakeArguments(arguments.ToLookup()),
            new ProcessRunner(fileSystem, environment, log, tools, configuration),
            new WindowsRegistry(),
            tools,
            new CakeDataService(),
            configuration,
            new NoToolInstaller(),
            new EmptyServiceProvider()
        );
    }

    /// <summary>Tools come from Debian packages (see the Prerequisites task), never from NuGet at run time.</summary>
    private sealed class NoToolInstaller : IToolInstaller
    {
        public IEnumerable<FilePath> Install(PackageReference tool) =>
            throw new NotSupportedException(
                $"Installing tool '{tool.Package}' at run time is not supported; host tools come from Debian packages."
            );
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
