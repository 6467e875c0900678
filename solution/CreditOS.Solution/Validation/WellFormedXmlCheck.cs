using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Every XML file of the solution parses.</summary>
public sealed class WellFormedXmlCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = context.SourceFiles(SolutionLayout.Source, ".xml")
            .Concat(context.SourceFiles(SolutionPaths.Workflows, ".xaml"))
            .Concat(context.SourceFiles(SolutionPaths.Data, ".xml"))
            .Concat(context.SourceFiles(SolutionLayout.StandardTables, ".xml"));
        foreach (var path in paths)
        {
            SolutionProblem? problem = null;
            try
            {
                SolutionXml.Load(context.Files, path);
            }
            catch (SolutionFormatException ex)
            {
                problem = new SolutionProblem(context.Files.Describe(path), ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }
}
