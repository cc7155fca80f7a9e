using Serilog;
using XenDemoCD.Build;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tasks;

BuildLogging.ConfigureConsole();
using var cancellation = BuildCancellation.ForConsole();
try
{
    return await new BuildHost<BuildContext>(BuildContext.Create)
        .WithOptions(BuildOptions.All)
        .WithLogDirectory(BuildContext.LogDirectoryFor)
        .UseLifetime(new Lifetime())
        .WithDefaultTarget(nameof(Default))
        .AddTasksFrom(typeof(BuildContext).Assembly)
        .RunAsync(args, cancellation);
}
finally
{
    await Log.CloseAndFlushAsync();
}
