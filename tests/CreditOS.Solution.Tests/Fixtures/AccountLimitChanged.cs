using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Solution.Fixtures;

[PluginStep("Update", "account", PipelineStage.PreOperation, FixtureIds.AccountLimitChangedStep, FilteringAttributes = "creditlimit,cos_credittierid", Rank = 2, Description = "Fixture: limit changes")]
[PluginImage(FixtureIds.AccountLimitChangedStep, ImageType.PreImage, "before", "creditlimit,cos_exposure")]
public sealed class AccountLimitChanged : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
