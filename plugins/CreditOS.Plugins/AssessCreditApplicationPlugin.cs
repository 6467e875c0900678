using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Applications.AssessCreditApplicationApi;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_AssessCreditApplication: the integration worker hands over its
/// bureau lookup (<see cref="ApplicationAssessment"/>); with a report the engine assesses the application and Finance
/// gets the initial-limit request. It answers the application's status only. Budget: 3 calls without a report, 14 with one (the query for another account that is
/// the same company included, controls round 13), 15 when the account gets the bureau company id the lookup matched
/// (<see cref="ApplicationAssessment.ReportCalls"/>).
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = CreditApplication.EntityLogicalName,
    Description = "The worker records its bureau lookup for a submitted credit application: the report (assessed, and sent to Finance as an initial limit), or why there is none.")]
[CustomApiRequestParameter(Api.Request.BureauReportId, CustomApiFieldType.Guid, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.BureauCompanyId, CustomApiFieldType.String, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.BureauProblem, CustomApiFieldType.String, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.Detail, CustomApiFieldType.String, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.RetryAfterSeconds, CustomApiFieldType.Integer, IsOptional = true)]
[CustomApiResponseProperty(Api.Response.Status, CustomApiFieldType.String)]
public sealed class AssessCreditApplicationPlugin : PluginBase
{
    public AssessCreditApplicationPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var outcome = ApplicationAssessment.Record(
            context.SystemService,
            context.UserId,
            context.TargetReference,
            context.GetInputParameter<Guid?>(Api.Request.BureauReportId) is { } reportId ? new EntityReference(BureauReport.EntityLogicalName, reportId) : null,
            context.GetInputParameter<string>(Api.Request.BureauCompanyId),
            context.GetInputParameter<string>(Api.Request.BureauProblem),
            context.GetInputParameter<string>(Api.Request.Detail),
            context.GetInputParameter<int?>(Api.Request.RetryAfterSeconds),
            context.OperationCreatedOn);
        var status = outcome.Status;
        context.Trace("Credit application {0}: {1}", context.TargetReference.Id, status);

        // The status only: the assessment (recommendation, limit, creditworthiness) is for the rep and Finance, secured on
        // the application, and the worker calling this API does not use it (controls round 19).
        context.SetOutputParameter(Api.Response.Status, status.ToString());
    }
}
