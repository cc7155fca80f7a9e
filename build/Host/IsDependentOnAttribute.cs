namespace XenDemoCD.Build.Host;

/// <summary>Runs the named task class first. Order of attributes is the order of dependencies.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}
