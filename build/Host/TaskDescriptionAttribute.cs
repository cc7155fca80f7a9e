namespace XenDemoCD.Build.Host;

/// <summary>One line shown by <c>--description</c> and in the dry run.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
