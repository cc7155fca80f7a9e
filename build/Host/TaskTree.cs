namespace XenDemoCD.Build.Host;

/// <summary><c>--tree</c> and <c>--description</c>: the task graph as text.</summary>
public static class TaskTree
{
    public static void PrintDescriptions<TContext>(IEnumerable<TaskDefinition<TContext>> tasks)
    {
        foreach (var task in tasks.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {task.Name, -20} {task.Description}");
        }
    }

    public static void PrintTree<TContext>(
        IReadOnlyList<TaskDefinition<TContext>> tasks,
        string target
    )
    {
        foreach (var line in Lines(tasks, target))
        {
            Console.WriteLine(line);
        }
    }

    public static IEnumerable<string> Lines<TContext>(
        IReadOnlyList<TaskDefinition<TContext>> tasks,
        string target
    )
    {
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var lines = new List<string> { target };
        Walk(byName[target], "", byName, lines, [target]);
        return lines;
    }

    private static void Walk<TContext>(
        TaskDefinition<TContext> task,
        string indent,
        Dictionary<string, TaskDefinition<TContext>> byName,
        List<string> lines,
        HashSet<string> path
    )
    {
        for (var i = 0; i < task.Dependencies.Count; i++)
        {
            var last = i == task.Dependencies.Count - 1;
            var name = task.Dependencies[i];
            lines.Add($"{indent}{(last ? "└── " : "├── ")}{name}");
            if (byName.TryGetValue(name, out var dependency) && path.Add(name))
            {
                Walk(dependency, indent + (last ? "    " : "│   "), byName, lines, path);
                path.Remove(name);
            }
        }
    }
}
