using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>
/// Session 30: an image that registers fewer columns than the row holds is built by looking up each registered column
/// (a cost change). What a step sees must stay what it saw: the id and each registered column the row holds, no column the
/// row lacks, a column named twice once, and copies a step may change without changing the row or another step's image.
/// </summary>
public sealed class ImageOfAFewColumnsTests
{
    [Fact]
    public void AnImageOfAFewColumnsOfAWideRow_HoldsTheIdAndTheRegisteredColumnsTheRowHas_AsCopiesOfTheirOwn()
    {
        using var env = TestEnvironment.Create();
        var step = Step(
            new PluginImageRegistration("few", true, ["creditlimit", "accountnumber", "name", "creditlimit"]),
            new PluginImageRegistration("again", true, ["creditlimit"]));
        env.Dataverse.RegisterStep(step);
        // The row also holds the columns the platform keeps (owner, business unit, state, status, created and modified by and
        // on, version): more than the image's four names, so the image is made from its registered columns.
        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));

        env.Service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        var trace = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(ImageChangingPlugin)).Trace;
        Assert.Contains("few:accountid,creditlimit,name|1000|Contoso|" + id, trace, StringComparison.Ordinal);
        // The step raised the first image's limit and renamed it: the other image and the row keep theirs.
        Assert.Contains("again:accountid,creditlimit|1000", trace, StringComparison.Ordinal);
        var stored = env.Service.Get("account", id, "creditlimit", "name");
        Assert.Equal(1_000m, stored.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal("Contoso Ltd", stored.GetAttributeValue<string>("name"));
    }

    private static PluginStepRegistration Step(params PluginImageRegistration[] images) => new(
        typeof(ImageChangingPlugin),
        Guid.NewGuid(),
        "Update",
        "account",
        PipelineStageNumber.PreOperation,
        IsAsynchronous: false,
        Rank: 1,
        FilteringAttributes: [],
        UnsecureConfiguration: null,
        SecureConfiguration: null,
        Images: images);

    /// <summary>Traces each pre-image (sorted columns, limit, name, id), changing the first image's values after tracing it.</summary>
    public sealed class ImageChangingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            foreach (var alias in new[] { "few", "again" })
            {
                if (!context.PreEntityImages.TryGetValue(alias, out var image))
                {
                    continue;
                }

                trace.Trace(
                    "{0}:{1}|{2:0}|{3}|{4}",
                    alias,
                    string.Join(",", image.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal)),
                    image.GetAttributeValue<Money>("creditlimit")?.Value,
                    image.GetAttributeValue<string>("name"),
                    image.GetAttributeValue<Guid>("accountid"));
                if (alias == "few")
                {
                    image.GetAttributeValue<Money>("creditlimit").Value = 99_999m;
                    image["name"] = "changed in the image";
                }
            }
        }
    }
}
