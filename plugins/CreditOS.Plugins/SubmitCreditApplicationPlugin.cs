using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_SubmitCreditApplication: the application form's "Submit for credit
/// assessment" command, or a portal (<see cref="CreditApplicationSubmission"/>). Budget: <see cref="CreditApplicationSubmission.Calls"/> (5: 2 before controls round 9 looked for a bureau report on file,
/// round 10 for the account's credit, round 13 for another account that is the same company).
/// </summary>
[CustomApi(SubmitCreditApplicationApi.UniqueName, BoundEntity = CreditApplication.EntityLogicalName,
    Description = "Submits a credit application for assessment: the worker looks the company up at the bureau and the assessment goes to Finance.")]
[CustomApiResponseProperty(SubmitCreditApplicationApi.Response.Status, CustomApiFieldType.String)]
public sealed class SubmitCreditApplicationPlugin : PluginBase
{
    public SubmitCreditApplicationPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var status = CreditApplicationSubmission.Submit(context.SystemService, context.UserId, context.TargetReference, context.OperationCreatedOn);
        context.SetOutputParameter(SubmitCreditApplicationApi.Response.Status, status.ToString());
    }
}
