using System.Collections.Concurrent;
using System.Reflection;
using Cake.Core;
using Serilog;
using Serilog.Events;

namespace XenDemoCD.Build.Host;

/// <summary>
/// A thin Frosting-style host on the real <see cref="CakeEngine"/>: discovers the task classes,
/// registers each with the engine (dependencies, criteria, actions, error and finally handlers),
/// runs the target with the normal or the dry-run strategy, and prints Cake's report at the end,
/// also when a task fails.
/// </summary>
public sealed class BuildHost<TContext>(Func<HostServices<TContext>, TContext> createContext)
    where TContext : class
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private readonly List<Type> taskTypes = [];
    private readonly List<CommandLineOption> options = [.. HostOptions.All];
    private readonly ConcurrentDictionary<string, RunDecision> decisions = new(
        StringComparer.OrdinalIgnoreCase
    );
    private readonly List<Serilog.Core.ILogEventSink> logSinks = [];
    private Func<ParsedArguments, string?> logDirectory = _ => null;
    private BuildLifetime<TContext> lifetime = new NoLifetime();
    private string defaultTarget = "Default";

    /// <summary>The dry run's steps, for tests and tools that want them as data.</summary>
    public IList<(string Task, bool WouldRun, string Why)> DryRunSteps { get; private set; } = [];

    public BuildHost<TContext> AddTasksFrom(Assembly assembly) =>
        AddTasks(TaskDefinition<TContext>.DiscoverIn(assembly));

    public BuildHost<TContext> AddTasks(IEnumerable<Type> types)
    {
        taskTypes.AddRange(types);
        return this;
    }

    public BuildHost<TContext> WithOptions(IEnumerable<CommandLineOption> buildOptions)
    {
        options.AddRange(buildOptions);
        return this;
    }

    public BuildHost<TContext> WithLogDirectory(Func<ParsedArguments, string?> directory)
    {
        logDirectory = directory;
        return this;
    }

    /// <summary>Another place for log events (tests read what the build said).</summary>
    public BuildHost<TContext> WithLogSink(Serilog.Core.ILogEventSink sink)
    {
        logSinks.Add(sink);
        return this;
    }

    public BuildHost<TContext> UseLifetime(BuildLifetime<TContext> buildLifetime)
    {
        lifetime = buildLifetime;
        return this;
    }

    public BuildHost<TContext> WithDefaultTarget(string target)
    {
        defaultTarget = target;
        return this;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, BuildCancellation cancellation)
    {
        BuildLogging.Warnings.Clear();
        try
        {
            return await RunCheckedAsync(args, cancellation).ConfigureAwait(false);
        }
        catch (CommandLineException e)
        {
            DirectOutput.Error(e.Message.ReplaceLineEndings("\n").Split('\n'), null);
            return UsageError;
        }
        catch (Exception e)
        {
            // Outside the engine: making the context (the settings, an input it reads) or a bug
            // in the host itself. No log file is open yet.
            ReportFailure(FailureReport.Unwrap(e), null, cancellation);
            return Failed;
        }
    }

    private async Task<int> RunCheckedAsync(
        IReadOnlyList<string> args,
        BuildCancellation cancellation
    )
    {
        // Console (and the extra sinks) first, so that a bad command line is reported too. The
        // log file waits until tasks are about to run: --help, --tree, a dry run or a usage
        // error would otherwise push the logs of real builds out of the kept ones.
        BuildLogging.Configure(LogEventLevel.Information, null, logSinks);
        var arguments = ParsedArguments.Parse(args, options);
        BuildLogging.Configure(
            BuildLogging.ParseVerbosity(arguments.Get(HostOptions.Verbosity.Name)),
            null,
            logSinks
        );
        var tasks = taskTypes.Select(TaskDefinition<TContext>.From).ToList();
        var target = ResolveTarget(arguments.Get(HostOptions.Target.Name) ?? defaultTarget, tasks);
        CheckTaskNames(arguments, tasks);

        if (arguments.Flag(HostOptions.Help.Name))
        {
            PrintHelp(tasks);
            return Succeeded;
        }
        if (arguments.Flag(HostOptions.Description.Name))
        {
            TaskTree.PrintDescriptions(tasks);
            return Succeeded;
        }
        if (arguments.Flag(HostOptions.Tree.Name))
        {
            TaskTree.PrintTree(tasks, target);
            return Succeeded;
        }
        return await RunTargetAsync(arguments, tasks, target, cancellation).ConfigureAwait(false);
    }

    private async Task<int> RunTargetAsync(
        ParsedArguments arguments,
        List<TaskDefinition<TContext>> tasks,
        string target,
        BuildCancellation cancellation
    )
    {
        var dryRun = arguments.Flag(HostOptions.DryRun.Name);
        var cake = CakeServices.CreateContext(arguments);
        var plan = new ExecutionPlan<TContext>();
        var outcomes = new TaskOutcomes();
        var context = createContext(
            new HostServices<TContext>(cake, arguments, plan, outcomes, cancellation, dryRun)
        );

        var engine = new CakeEngine(new CakeDataService(), cake.Log);
        foreach (var task in tasks)
        {
            Register(engine, task, context, plan);
        }
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        engine.RegisterSetupAction(info =>
        {
            plan.Set([.. info.TasksToExecute.Select(t => byName[t.Name])], context);
            lifetime.Setup(context, info);
        });
        if (!dryRun)
        {
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }

        RunDecision? DecisionOf(string name) => decisions.TryGetValue(name, out var d) ? d : null;
        IExecutionStrategy strategy;
        if (dryRun)
        {
            var dry = new DryRunExecutionStrategy(
                DecisionOf,
                name => byName[name].Task.Explain(context)
            );
            DryRunSteps = dry.Steps;
            strategy = dry;
        }
        else
        {
            strategy = new BuildExecutionStrategy(DecisionOf);
            BuildLogging.Configure(
                BuildLogging.ConsoleLevel.MinimumLevel,
                logDirectory(arguments),
                logSinks
            );
        }

        var settings = new ExecutionSettings().SetTarget(target);
        if (arguments.Flag(HostOptions.Exclusive.Name))
        {
            settings.UseExclusiveTarget();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        CakeReport? report = null;
        Exception? failure = null;
        try
        {
            report = await engine.RunTargetAsync(cake, strategy, settings).ConfigureAwait(false);
        }
        catch (CakeReportException e)
        {
            report = e.Report;
            failure = FailureReport.Unwrap(e);
        }
        catch (Exception e)
        {
            failure = FailureReport.Unwrap(e);
        }
        if (!dryRun && report is not null)
        {
            BuildReportPrinter.Write(report, DecisionOf, outcomes);
        }
        if (dryRun && failure is null)
        {
            return Succeeded;
        }
        var closing = dryRun ? null : lifetime.ClosingLine(context);
        if (failure is null)
        {
            DirectOutput.Line(
                closing ?? SuccessLine(target, clock.Elapsed, byName[target].Task.Result(context))
            );
            return Succeeded;
        }
        if (closing is not null)
        {
            DirectOutput.Line(closing);
        }
        ReportFailure(failure, FailedTask(report), cancellation);
        return Failed;
    }

    private static void ReportFailure(
        Exception failure,
        string? task,
        BuildCancellation cancellation
    ) =>
        DirectOutput.Error(
            FailureReport.Lines(
                failure,
                task,
                BuildLogging.LogFile,
                cancellation.Graceful.IsCancellationRequested,
                withTrace: BuildLogging.ConsoleLevel.MinimumLevel == LogEventLevel.Verbose
            ),
            failure
        );

    /// <summary>The task Cake's report marks as failed; none when the setup failed.</summary>
    private static string? FailedTask(CakeReport? report) =>
        report
            ?.Where(e => e.ExecutionStatus == CakeTaskExecutionStatus.Failed)
            .Select(e => e.TaskName)
            .FirstOrDefault(name => name is not ("Setup" or "Teardown"));

    private static string SuccessLine(string target, TimeSpan elapsed, string? result) =>
        $"Target {target} succeeded in {(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}"
        + (result is null ? "." : $": {result}");

    private void Register(
        CakeEngine engine,
        TaskDefinition<TContext> definition,
        TContext context,
        ExecutionPlan<TContext> plan
    )
    {
        var task = definition.Task;
        var builder = engine.RegisterTask(definition.Name).Description(definition.Description);
        foreach (var dependency in definition.Dependencies)
        {
            builder.IsDependentOn(dependency);
        }
        builder
            .WithCriteria(
                _ =>
                {
                    var decision = plan.DecisionFor(task, context);
                    decisions[definition.Name] = decision;
                    return decision.ShouldRun;
                },
                "its condition was not met"
            )
            .Does(() => task.RunAsync(context))
            // ReportError, not OnError: Cake treats an OnError handler as having handled the
            // exception, and the build must still fail.
            .ReportError(exception => task.OnError(exception, context))
            .Finally(() => task.Finally(context));
    }

    private static string ResolveTarget(string requested, List<TaskDefinition<TContext>> tasks)
    {
        var match = tasks.FirstOrDefault(t =>
            string.Equals(t.Name, requested, StringComparison.OrdinalIgnoreCase)
        );
        if (match is not null)
        {
            return match.Name;
        }
        throw new CommandLineException(
            $"Unknown target '{requested}'.{DidYouMean(requested, tasks)} Valid targets: {TaskNames(tasks)}. (--description lists what each does.)"
        );
    }

    /// <summary>Options whose value names tasks (<c>--force=Kernel,Initrd</c>): a mistyped name would otherwise do nothing.</summary>
    private void CheckTaskNames(ParsedArguments arguments, List<TaskDefinition<TContext>> tasks)
    {
        foreach (var option in options.Where(o => o.NamesTasks))
        {
            // A bare --force is "true"; "all" (or an empty value) also means every task.
            if (arguments.Get(option.Name) is not { } value || value is "true" or "all" or "")
            {
                continue;
            }
            var names = value.Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            );
            foreach (var name in names)
            {
                if (
                    !tasks.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                )
                {
                    throw new CommandLineException(
                        $"Argument '--{option.Name}={value}': there is no task '{name}'.{DidYouMean(name, tasks)} Valid tasks: {TaskNames(tasks)}; or a bare --{option.Name} for every task of the target."
                    );
                }
            }
        }
    }

    private static string DidYouMean(string given, List<TaskDefinition<TContext>> tasks) =>
        NearestName.To(given, tasks.Select(t => t.Name)) is { } nearest
            ? $" Did you mean {nearest}?"
            : "";

    private static string TaskNames(List<TaskDefinition<TContext>> tasks) =>
        string.Join(", ", tasks.Select(t => t.Name).Order(StringComparer.Ordinal));

    private void PrintHelp(List<TaskDefinition<TContext>> tasks)
    {
        Console.WriteLine("Usage: ./build.sh [--target=TASK] [arguments]");
        Console.WriteLine();
        Console.WriteLine("Arguments:");
        foreach (var option in options.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {option.Usage, -28} {option.Help}");
        }
        Console.WriteLine();
        Console.WriteLine($"Targets (default: {defaultTarget}):");
        TaskTree.PrintDescriptions(tasks);
    }

    private sealed class NoLifetime : BuildLifetime<TContext>;
}
