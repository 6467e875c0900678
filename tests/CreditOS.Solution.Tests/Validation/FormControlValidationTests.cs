using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Validation;

/// <summary>The validator's checks of the approval form's order quick view and the order lines sub-grid, each proven on a broken copy of the solution.</summary>
public sealed class FormControlValidationTests
{
    private const string ApprovalForm = "src/Entities/cos_creditapprovalrequest/FormXml/main/{11b31b52-4db8-5da9-ae48-53148358d32d}.xml";
    private const string OrderQuickView = "src/Entities/salesorder/FormXml/quick/{9f0aa225-3654-5bb2-998d-052df416465d}.xml";
    private const string QuickViewId = "9f0aa225-3654-5bb2-998d-052df416465d";

    [Fact]
    public void TheSolutionAsShipped_HasNoProblem()
    {
        using var copy = new SolutionCopy();

        Assert.Empty(SolutionValidator.Validate(copy.Files));
    }

    [Fact]
    public void QuickView_NamingAFormTheSolutionDoesNotDefine_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, ApprovalForm, "&gt;{" + QuickViewId + "}&lt;", "&gt;{00000000-3654-5bb2-998d-052df416465d}&lt;");

        Assert.Contains("is not a quick view form the solution defines for that table", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickView_OnALookupToAnotherTable_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, ApprovalForm, "datafieldname=\"cos_salesorderid\" disabled=\"false\"><parameters><QuickForms>", "datafieldname=\"cos_accountid\" disabled=\"false\"><parameters><QuickForms>");

        Assert.Contains("its lookup 'cos_accountid' points at account", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubGrid_ThroughARelationshipOfAnotherTable_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, OrderQuickView, "<RelationshipName>order_details</RelationshipName>", "<RelationshipName>SalesOrder_Tasks</RelationshipName>");

        Assert.Contains("through relationship 'SalesOrder_Tasks', whose rows are 'task'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubGrid_ThroughAViewOfAnotherTable_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, OrderQuickView, "<ViewId>{6ea0a244-ebbe-5760-b1ef-dfcb4a03b5d0}</ViewId>", "<ViewId>{438dfc5c-5305-5b48-872a-985f3ed1db30}</ViewId>");

        Assert.Contains("which is a view of 'salesorder'", problem.Message, StringComparison.Ordinal);
    }

    private static SolutionProblem SingleProblemAfter(SolutionCopy copy, string file, string find, string replace)
    {
        copy.Replace(copy.PathOf(file), find, replace);
        return Assert.Single(SolutionValidator.Validate(copy.Files));
    }
}
