using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>A Custom API bound to account: returns half the account's credit limit as its exposure headroom.</summary>
[CustomApi(Name, BoundEntity = "account")]
[CustomApiRequestParameter("Factor", CustomApiFieldType.Decimal, IsOptional = true)]
[CustomApiResponseProperty("Headroom", CustomApiFieldType.Money)]
public sealed class ExposureCustomApi : IPlugin
{
    public const string Name = "cos_CalculateHeadroom";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        var account = service.Retrieve("account", context.PrimaryEntityId, new Microsoft.Xrm.Sdk.Query.ColumnSet("creditlimit"));
        var factor = context.InputParameters.Contains("Factor") ? (decimal)context.InputParameters["Factor"] : 0.5m;
        context.OutputParameters["Headroom"] = new Money((account.GetAttributeValue<Money>("creditlimit")?.Value ?? 0m) * factor);
    }
}
