using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Solution.Fixtures;

[PluginStep("Create", "cos_payment", PipelineStage.PostOperation, FixtureIds.PaymentPostedStep, Mode = ExecutionMode.Asynchronous, UnsecureConfiguration = "mode=event")]
[PluginImage(FixtureIds.PaymentPostedStep, ImageType.PostImage, "posted", "cos_amount,cos_accountid")]
public sealed class PaymentPosted : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}

[PluginStep("Create", "salesorder", PipelineStage.PreOperation, FixtureIds.OrderEnteredStep)]
public sealed class OrderEntered : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
