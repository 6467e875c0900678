using CreditOS.Solution.Data;

namespace CreditOS.Solution.Tests.Metadata;

public sealed class ConfigurationDataTests
{
    [Fact]
    public void ConfigurationData_HasTheFinanceQueuesTeamAndDefaultRoute()
    {
        var records = ConfigurationDataLoader.LoadEmbedded();

        Assert.Equal(["Credit approvals - Finance", "Credit approvals - escalated"], records.Where(r => r.Table == "queue").Select(r => r.Values["name"].Text));
        var team = Assert.Single(records, r => r.Table == "team");
        var route = Assert.Single(records, r => r.Table == "cos_approvalrouting");
        var financeQueue = records.First(r => r.Table == "queue").Id;
        Assert.Equal(financeQueue.ToString(), team.Values["queueid"].Text);
        Assert.Equal(("queue", financeQueue.ToString()), (route.Values["cos_queueid"].LookupTable, route.Values["cos_queueid"].Text));
    }

    [Fact]
    public void ConfigurationData_ShipsTheDefaultApprovalAuthority_ForEveryApprover_WhichTheAdministratorLowers()
    {
        var authority = Assert.Single(ConfigurationDataLoader.LoadEmbedded(), r => r.Table == "cos_approvalauthority");

        Assert.Equal("10000000", authority.Values["cos_maximumamount"].Text);
        Assert.False(authority.Values.ContainsKey("cos_teamid"));
        Assert.False(authority.Values.ContainsKey("cos_userid"));
    }

    [Fact]
    public void ConfigurationData_ListsReferencedRowsBeforeTheirReferrers()
    {
        var records = ConfigurationDataLoader.LoadEmbedded();
        var position = records.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);

        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            foreach (var lookup in record.Values.Values.Where(v => v.LookupTable is not null))
            {
                Assert.True(position[Guid.Parse(lookup.Text)] < index, $"{record.Table} {record.Id} refers to a row listed after it.");
            }
        }
    }
}
