namespace CreditOS.Solution.Validation;

/// <summary>One kind of consistency check over the unpacked solution.</summary>
public interface ISolutionCheck
{
    IEnumerable<SolutionProblem> Check(SolutionContext context);
}
