using CreditOS.CreditEngine.Reports;
using CreditOS.Dataverse.Credit.Reports;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API function cos_PaymentHistoryReport: the account's 24-month payment
/// history built by the engine (<see cref="PaymentHistoryReportBuilder"/>) from its rows, as JSON for the printable
/// page cos_/credit/payment_history.html. Read as the caller, so they see only what their roles let them read.
/// Budget: 4 queries (more only past 5,000 rows per table).
/// </summary>
[CustomApi(PaymentHistoryReportApi.UniqueName, BoundEntity = Account.EntityLogicalName, IsFunction = true,
    Description = "The account's historical payment report (24 months) for term negotiation, as JSON.")]
[CustomApiResponseProperty(PaymentHistoryReportApi.Response.Report, CustomApiFieldType.String)]
public sealed class PaymentHistoryReportPlugin : PluginBase
{
    public PaymentHistoryReportPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var input = PaymentHistoryRecords.Read(context.UserService, context.TargetReference.Id, context.OperationCreatedOn);
        context.SetOutputParameter(PaymentHistoryReportApi.Response.Report, PaymentHistoryJson.Write(PaymentHistoryReportBuilder.Build(input)));
    }
}
