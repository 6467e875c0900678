using CreditOS.Dataverse.Model;
using CreditOS.LocalDataverse.Service;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// Which story steps the registered assemblies can carry. A step whose plugin is not registered is left out of
/// the story (and said so), never played by the demo itself.
/// </summary>
internal sealed class PipelineCapabilities(LocalDataverseEnvironment dataverse)
{
    public bool ChecksOrders => Has(MessageNames.Create, SalesOrder.EntityLogicalName);

    public bool PostsPayments => Has(MessageNames.Create, Payment.EntityLogicalName);

    public bool ReadsBureauReports => Has(MessageNames.Create, BureauReport.EntityLogicalName);

    public bool CapturesPromises => Has(MessageNames.Create, PromiseToPay.EntityLogicalName);

    private bool Has(string message, string table) =>
        dataverse.RegisteredSteps.Any(step => step.Message == message && step.PrimaryEntity == table);
}
