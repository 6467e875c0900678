using System.Activities;

namespace CreditOS.Solution.Fixtures;

public sealed class RouteForApproval : CodeActivity
{
    protected override void Execute(CodeActivityContext context)
    {
    }
}
