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
/// gets the initial-limit request. Budget: 3 calls without a report, 14 with one (the query for another account that is
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
[CustomApiResponseProperty(Api.Response.Recommendation, CustomApiFieldType.String)]
[CustomApiResponseProperty(Api.Response.RecommendedLimit, CustomApiFieldType.Money)]
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
        var assessment = outcome.Assessment;
        context.Trace("Credit application {0}: {1}", context.TargetReference.Id, status);
        context.SetOutputParameter(Api.Response.Status, status.ToString());
        context.SetOutputParameter(Api.Response.Recommendation, assessment?.Recommendation.ToString() ?? string.Empty);
        context.SetOutputParameter(Api.Response.RecommendedLimit, new Money(assessment?.RecommendedLimit ?? 0m));
    }
}
