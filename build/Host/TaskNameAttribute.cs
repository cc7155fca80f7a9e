namespace XenDemoCD.Build.Host;

/// <summary>The name a task is known by on the command line (<c>--target=Name</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
