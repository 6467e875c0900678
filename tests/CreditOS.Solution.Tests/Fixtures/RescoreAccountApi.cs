using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Solution.Fixtures;

[CustomApi("cos_RescoreAccount", BoundEntity = "account", Description = "Fixture: rescore on demand")]
[CustomApiRequestParameter("Target", CustomApiFieldType.EntityReference, EntityLogicalName = "account")]
[CustomApiResponseProperty("RiskScore", CustomApiFieldType.Decimal)]
[CustomApiResponseProperty("Reasons", CustomApiFieldType.String)]
public sealed class RescoreAccountApi : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
