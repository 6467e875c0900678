extern alias plugins;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using Xunit;
using SalesOrderCredit = plugins::CreditOS.Dataverse.Credit.OrderCheck.SalesOrderCredit;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Images and filtering attributes are registered with columns that exist, and every column a plugin reads from an
/// image is registered on it (plugins read images only through <c>RegisteredImage</c>, which refuses any other column).
/// </summary>
public sealed class ImageRegistrationTests
{
    public static TheoryData<string> PluginTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in RegistrationReader.PluginTypes(CreditWorld.PluginAssemblyMarker.Assembly))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PluginTypeNames))]
    public void EveryImageAndFilteringColumn_ExistsOnTheStepsTable(string pluginTypeName)
    {
        using var world = CreditWorld.WithPlugins();
        var type = CreditWorld.PluginAssemblyMarker.Assembly.GetType(pluginTypeName, throwOnError: true)!;

        foreach (var step in RegistrationReader.ReadSteps(type))
        {
            var table = world.Dataverse.Metadata.FindTable(step.PrimaryEntity);
            Assert.NotNull(table);
            foreach (var column in step.Images.SelectMany(i => i.Columns).Concat(step.FilteringAttributes))
            {
                Assert.True(table.FindColumn(column) is not null, $"{type.Name} step {step.Message} registers '{column}', which {step.PrimaryEntity} does not have.");
            }
        }
    }

    [Fact]
    public void OrderCheckPreImage_RegistersEveryColumnTheCheckReads()
    {
        var step = RegistrationReader.ReadSteps(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin)).Single(s => s.PreImages.Any());

        var registered = step.PreImages.Single(i => i.Alias == plugins::CreditOS.Plugins.OrderCreditCheckPlugin.PreImageAlias).Columns;

        Assert.Equal(SalesOrderCredit.PreImage(null).Columns.OrderBy(c => c, StringComparer.Ordinal), registered.OrderBy(c => c, StringComparer.Ordinal));
    }
}
