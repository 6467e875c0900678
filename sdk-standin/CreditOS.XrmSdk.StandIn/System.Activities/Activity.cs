namespace System.Activities;

/// <summary>net10.0 only: the base of workflow activities (the subset a CodeActivity needs).</summary>
public abstract class Activity
{
    private string displayName;

    protected Activity()
    {
    }

    public string DisplayName
    {
        get => displayName ?? GetType().Name;
        set => displayName = value;
    }

    public override string ToString() => DisplayName;
}
