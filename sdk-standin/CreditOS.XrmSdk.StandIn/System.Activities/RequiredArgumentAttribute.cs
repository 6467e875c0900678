namespace System.Activities;

/// <summary>net10.0 only: marks an argument the activity cannot run without.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredArgumentAttribute : Attribute
{
}
