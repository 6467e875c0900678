using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// last-x-hours, next-x-hours, olderthan-x-hours and olderthan-x-minutes: "You can't apply this operator on a column that is
/// configured to use the DateOnly behavior" (FetchXml condition operators, fetchxml/reference/operators). The local Dataverse
/// compared the stored midnight with the clock; it refuses them on a DateOnly column (account.cos_limitreviewon, Behavior 2) and
/// still applies them to date-and-time columns (createdon). The day operators stay valid on DateOnly columns.
/// </summary>
public sealed class DateOnlyOperatorProbes
{
    [Theory]
    [InlineData("last-x-hours")]
    [InlineData("next-x-hours")]
    [InlineData("olderthan-x-hours")]
    [InlineData("olderthan-x-minutes")]
    public void AnHourOrMinuteOperator_OnADateOnlyColumn_IsRefused(string op)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(Fetch("cos_limitreviewon", op)));
        Assert.NotNull(service.RetrieveMultiple(Fetch("createdon", op)));
    }

    [Fact]
    public void ADayOperator_OnADateOnlyColumn_StillApplies()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        Assert.Empty(service.RetrieveMultiple(Fetch("cos_limitreviewon", "last-x-days")).Entities);
    }

    private static FetchExpression Fetch(string column, string op) => new(
        $"<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='{column}' operator='{op}' value='2'/></filter></entity></fetch>");
}
