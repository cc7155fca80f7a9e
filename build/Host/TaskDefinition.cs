using System.Reflection;

namespace XenDemoCD.Build.Host;

/// <summary>A task class as the host sees it: its name, description, dependencies and instance.</summary>
public sealed record TaskDefinition<TContext>(
    string Name,
    string Description,
    IReadOnlyList<string> Dependencies,
    BuildTask<TContext> Task
)
{
    public static TaskDefinition<TContext> From(Type type)
    {
        if (!typeof(BuildTask<TContext>).IsAssignableFrom(type))
        {
            throw new InvalidOperationException(
                $"{type.FullName} is not a BuildTask<{typeof(TContext).Name}>."
            );
        }
        var task =
            (BuildTask<TContext>)(
                Activator.CreateInstance(type)
                ?? throw new InvalidOperationException($"Cannot create {type.FullName}.")
            );
        var dependencies = type.GetCustomAttributes<IsDependentOnAttribute>()
            .Select(a => NameOf(a.Task))
            .ToList();
        var description = type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? "";
        return new TaskDefinition<TContext>(NameOf(type), description, dependencies, task);
    }

    public static string NameOf(Type type) =>
        type.GetCustomAttribute<TaskNameAttribute>()?.Name ?? type.Name;

    public static IEnumerable<Type> DiscoverIn(Assembly assembly) =>
        assembly
            .GetTypes()
            .Where(t =>
                t is { IsAbstract: false, IsClass: true }
                && typeof(BuildTask<TContext>).IsAssignableFrom(t)
                && t.GetCustomAttribute<TaskNameAttribute>() is not null
            );
}
