using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Api = CreditOS.Dataverse.Approvals.AnswerCreditApprovalQuestionApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_AnswerCreditApprovalQuestion: the sales rep answers Finance's question
/// (<see cref="CreditApprovalQuestion"/>); the answer is written as SYSTEM and the request goes back to Finance.
/// Budget: 3 calls (request, order, the answer); 4 for a request from a credit application (back to In assessment).
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = CreditApprovalRequest.EntityLogicalName,
    Description = "The sales rep answers Finance's question on a credit approval request; it goes back to Finance.")]
[CustomApiRequestParameter(Api.Request.Answer, CustomApiFieldType.String)]
public sealed class AnswerCreditApprovalQuestionPlugin : PluginBase
{
    public AnswerCreditApprovalQuestionPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        CreditApprovalQuestion.Answer(context.SystemService, context.UserId, context.TargetReference, context.GetInputParameter<string>(Api.Request.Answer), context.OperationCreatedOn);
}
