namespace CreditOS.Solution.Validation;

/// <summary>One thing wrong with the solution: the file and what is wrong in it.</summary>
public sealed record SolutionProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}
