using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 6, probed and holding: the credit settings kept in environment variables (here
/// <c>cos_LimitIncreaseApprovalAmount</c>, the limit increase a rep's request applies without Finance, 25,000 shipped) are
/// changed by nobody the creditOS roles make: no role holds a privilege on environment variable definitions or values, so
/// Sam cannot raise his own self-served increase to 10,000,000, nor Fiona, Carl, Colin or the worker, by a new value row or
/// by the definition's default. Through the local Dataverse with every plug-in.
/// </summary>
public sealed class EnvironmentVariableControlTests : IDisposable
{
    private const string Setting = "cos_LimitIncreaseApprovalAmount";
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void NoCreditRole_ChangesACreditSetting_NeitherByANewValueNorByTheDefinitionsDefault()
    {
        var byName = new QueryByAttribute("environmentvariabledefinition") { ColumnSet = new ColumnSet("schemaname", "defaultvalue") };
        byName.AddAttributeValue("schemaname", Setting);
        var definition = world.Service.RetrieveMultiple(byName).Entities.Single();
        var people = new[]
        {
            FixedIds.SalesRep,
            FixedIds.FinanceApprover,
            FixedIds.CreditOfficer,
            world.ACollector(CollectionsWorld.Colin, "Colin Collector"),
            world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create(),
        };

        foreach (var person in people)
        {
            var service = world.Context.As(person);
            var value = Refused(() => service.Create(new Entity("environmentvariablevalue")
            {
                ["schemaname"] = Setting,
                ["value"] = "10000000",
                ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
            }));
            var fallback = Refused(() => service.Update(new Entity("environmentvariabledefinition", definition.Id) { ["defaultvalue"] = "10000000" }));

            Assert.Contains("missing prvCreateEnvironmentVariableValue privilege", value, StringComparison.Ordinal);
            Assert.Contains("missing prvWriteEnvironmentVariableDefinition privilege", fallback, StringComparison.Ordinal);
        }

        Assert.Equal(definition.GetAttributeValue<string>("defaultvalue"), world.Service.Retrieve("environmentvariabledefinition", definition.Id, new ColumnSet("defaultvalue")).GetAttributeValue<string>("defaultvalue"));
        var values = new QueryByAttribute("environmentvariablevalue") { ColumnSet = new ColumnSet("value") };
        values.AddAttributeValue("schemaname", Setting);
        Assert.Empty(world.Service.RetrieveMultiple(values).Entities);
    }
}
