using System.ServiceModel;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: a condition with the wrong number of values. Microsoft publishes no wording; a live measurement through
/// RetrieveMultiple(QueryExpression) (Dataverse environment, 18 September 2026, quoted in a public calibration note) answered
/// InvalidArgument 0x80040203 with "The ConditonOperator.MasksSelect requires 1 value/s, not 2. Parameter Name: WebResourceType"
/// (Microsoft's misspelling and the column's schema name included) and, for an operator that takes none,
/// "Condition operator 'ChildOf' requires that no values are set. Values.Length: 1". FakeXrmEasy and DLaB.Xrm.LocalCrm reproduce the
/// same two sentences. Before round 12 the local Dataverse answered the code in its own words, and took a value given to Null,
/// NotNull or a fixed date period (Today, ThisMonth…) as if there were none.
/// </summary>
public sealed class ConditionArityWordingProbes
{
    private static OrganizationServiceFault Fault(Action<QueryExpression> shape)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Receivable(service, SolutionRows.Account(service));
        var query = new QueryExpression("cos_receivable") { ColumnSet = new ColumnSet("cos_erpid") };
        shape(query);
        return Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(query)).Detail;
    }

    [Theory]
    [InlineData(ConditionOperator.Between, new[] { 1 }, "The ConditonOperator.Between requires 2 value/s, not 1. Parameter Name: cos_Amount")]
    [InlineData(ConditionOperator.NotBetween, new[] { 1, 2, 3 }, "The ConditonOperator.NotBetween requires 2 value/s, not 3. Parameter Name: cos_Amount")]
    [InlineData(ConditionOperator.Equal, new[] { 1, 2 }, "The ConditonOperator.Equal requires 1 value/s, not 2. Parameter Name: cos_Amount")]
    [InlineData(ConditionOperator.GreaterThan, new int[0], "The ConditonOperator.GreaterThan requires 1 value/s, not 0. Parameter Name: cos_Amount")]
    public void AWrongNumberOfValues_IsInvalidArgument_WithTheLiveWording(ConditionOperator op, int[] values, string message)
    {
        var fault = Fault(query => query.Criteria.AddCondition("cos_amount", op, values.Cast<object>().ToArray()));

        Assert.Equal(unchecked((int)0x80040203), fault.ErrorCode);
        Assert.Equal(message, fault.Message);
    }

    [Fact]
    public void ACountedDateOperatorWithoutItsCount_IsWordedTheSame()
    {
        var fault = Fault(query => query.Criteria.AddCondition(new ConditionExpression("cos_duedate", ConditionOperator.LastXDays)));

        Assert.Equal(unchecked((int)0x80040203), fault.ErrorCode);
        Assert.Equal("The ConditonOperator.LastXDays requires 1 value/s, not 0. Parameter Name: cos_DueDate", fault.Message);
    }

    [Theory]
    [InlineData(ConditionOperator.Null, "cos_amount")]
    [InlineData(ConditionOperator.NotNull, "cos_amount")]
    [InlineData(ConditionOperator.Today, "cos_duedate")]
    [InlineData(ConditionOperator.ThisMonth, "cos_duedate")]
    [InlineData(ConditionOperator.EqualUserId, "ownerid")]
    public void AValueForAnOperatorThatTakesNone_IsRefused(ConditionOperator op, string column)
    {
        var fault = Fault(query => query.Criteria.AddCondition(column, op, 5));

        Assert.Equal(unchecked((int)0x80040203), fault.ErrorCode);
        Assert.Equal($"Condition operator '{op}' requires that no values are set. Values.Length: 1", fault.Message);
    }

    [Fact]
    public void TheRightNumberOfValues_StillQueries()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Receivable(service, SolutionRows.Account(service));
        var query = new QueryExpression("cos_receivable") { ColumnSet = new ColumnSet("cos_erpid") };
        query.Criteria.AddCondition("cos_amount", ConditionOperator.Between, 50m, 150m);
        query.Criteria.AddCondition("cos_disputereason", ConditionOperator.Null);
        query.Criteria.AddCondition("cos_amount", ConditionOperator.NotNull);

        Assert.Single(service.RetrieveMultiple(query).Entities);
    }
}
