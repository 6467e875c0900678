extern alias plugins;

using Microsoft.Xrm.Sdk;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>A cos_creditpolicy row: <c>APolicy().WithGraceDays(5).BlockingAbove(1.25m)</c>.</summary>
internal sealed class PolicyBuilder
{
    private Guid id = CreditTestIds.StandardPolicy;
    private string code = "STANDARD";
    private int graceDays = 5;
    private decimal? blockAbove = 1.25m;
    private bool prepay;
    private bool everyOrder;

    public static PolicyBuilder APolicy() => new();

    public PolicyBuilder WithId(Guid value) { id = value; return this; }

    public PolicyBuilder WithCode(string value) { code = value; return this; }

    public PolicyBuilder WithGraceDays(int value) { graceDays = value; return this; }

    public PolicyBuilder BlockingAbove(decimal? utilization) { blockAbove = utilization; return this; }

    public PolicyBuilder Prepay() { prepay = true; return this; }

    public PolicyBuilder ApprovingEveryOrder() { everyOrder = true; return this; }

    public Entity Build()
    {
        var row = new Entity(Policy.EntityLogicalName, id)
        {
            [Policy.Fields.Name] = code,
            [Policy.Fields.Code] = code,
            [Policy.Fields.GraceDays] = graceDays,
            [Policy.Fields.IsPrepay] = prepay,
            [Policy.Fields.RequiresApproval] = everyOrder,
        };
        if (blockAbove is { } block)
        {
            row[Policy.Fields.BlockAboveUtilization] = block;
        }

        return row;
    }

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
