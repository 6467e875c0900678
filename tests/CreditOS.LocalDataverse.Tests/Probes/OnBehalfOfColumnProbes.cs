using System.Net;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// createdonbehalfby and modifiedonbehalfby (Web API round 14). "If you need to see the ID of the user who actually performed an
/// operation for another user, you can query the record's createdonbehalfby value … GET [Organization URI]/api/data/v9.2/accounts(…)?
/// $select=name&amp;$expand=createdby($select=fullname),createdonbehalfby($select=fullname)" (Impersonate another user using the Web API,
/// webapi/impersonate-another-user-web-api, "Determine the actual user"; the Dataverse Web API training module says the same). The local
/// metadata does not hold the two columns and impersonated writes do not stamp them (left by round 13). Naming them answered "no such
/// column" (0x80041103; over the Web API 400 "Could not find a property named '_createdonbehalfby_value'"), telling a client that a
/// documented column does not exist; now the local Dataverse's not-implemented fault (0x80040216; 501 over HTTP). Columns the table does
/// lack still answer 0x80041103 (control).
/// </summary>
public sealed class OnBehalfOfColumnProbes
{
    [Theory]
    [InlineData("accounts?$select=name,_createdonbehalfby_value")]
    [InlineData("accounts?$select=name&$filter=_modifiedonbehalfby_value eq null")]
    [InlineData("accounts?$select=name&$orderby=_createdonbehalfby_value")]
    public async Task TheOnBehalfOfLookups_AreNotImplemented_OverTheWebApi(string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("onbehalfby", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOnBehalfOfColumns_AreNotImplemented_ThroughTheOrganizationService_AndAnUnknownColumnIsStillUnknown()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var retrieve = Assert.Throws<FaultException<OrganizationServiceFault>>(() => host.Service.Retrieve("account", id, new ColumnSet("name", "createdonbehalfby")));
        var query = Assert.Throws<FaultException<OrganizationServiceFault>>(() => host.Service.RetrieveMultiple(new QueryExpression("account")
        {
            ColumnSet = new ColumnSet("name"),
            Criteria = { Conditions = { new ConditionExpression("modifiedonbehalfby", ConditionOperator.Null) } },
        }));
        var unknown = Assert.Throws<FaultException<OrganizationServiceFault>>(() => host.Service.Retrieve("account", id, new ColumnSet("name", "createdonbehalfbyx")));

        Assert.Equal(unchecked((int)0x80040216), retrieve.Detail.ErrorCode);
        Assert.Contains("createdonbehalfby", retrieve.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(unchecked((int)0x80040216), query.Detail.ErrorCode);
        Assert.Equal(unchecked((int)0x80041103), unknown.Detail.ErrorCode);
    }
}
