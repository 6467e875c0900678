using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Two Update refusals worded as "Update and delete table rows using the SDK for .NET" (org-service/entity-operations-update-delete)
/// publishes them (fidelity round 6): "When this is set to SystemRequired, you cannot set these columns to a null value. If you attempt
/// this you will get error code -2147220989 with the message Attribute: &lt;attribute name&gt; cannot be set to NULL", and "If you attempt
/// to update a row without a primary key value you will get the error: Entity Id must be specified for Update". The local messages were
/// "Attribute 'statecode' of entity 'account' is system-required and cannot be null." and "A reference to 'account' needs an Id or
/// KeyAttributes.".
/// </summary>
public sealed class UpdateRefusalWordingProbes
{
    [Fact]
    public void NullForASystemRequiredColumn_IsMinus2147220989_AttributeCannotBeSetToNull()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Update(new Entity("account", id) { ["statecode"] = null }));

        Assert.Equal(-2147220989, fault.ErrorCode);
        Assert.Equal("Attribute: statecode cannot be set to NULL", fault.Message);
        Assert.Equal(0, service.Retrieve("account", id, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [Fact]
    public async Task NullForASystemRequiredColumn_OverTheWebApi_Answers400WithTheSameWords()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["statecode"] = null }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040203", answer.ErrorCode);
        Assert.Equal("Attribute: statecode cannot be set to NULL", answer.ErrorMessage);
    }

    [Fact]
    public void AnUpdateWithoutId_IsEntityIdMustBeSpecifiedForUpdate()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service);

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Update(new Entity("account") { ["name"] = "No id" }));

        Assert.Equal("Entity Id must be specified for Update", fault.Message);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Equal, "No id") } } }).Entities);
    }
}
