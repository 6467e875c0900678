namespace CreditOS.Cli.Demo.Story;

/// <summary>What one story step did, with the ids of the rows it touched so anyone can look them up.</summary>
internal abstract record StoryOutcome(string Title)
{
    /// <summary>The accounts the step is about (shown first in the credit picture).</summary>
    public abstract IReadOnlyList<Guid> AccountIds { get; }
}
