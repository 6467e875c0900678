using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Approvals.EscalateOverdueCreditApprovalsApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the unbound Custom API cos_EscalateOverdueCreditApprovals, which the activity
/// EscalateOverdueCreditApprovals calls as the process's user: escalates pending requests past their due time as SYSTEM
/// (<see cref="ApprovalEscalator"/>). Only what is overdue moves, as the escalation process would move it anyway at its
/// due time, so a direct call gains nobody anything; a named request must be readable by the caller.
/// Budget (held by WorkflowStepBudgetTests): <see cref="MaximumCalls"/>(n) = the caller's read of a named request +
/// <see cref="ApprovalEscalator.ConstantReads"/> + <see cref="ApprovalEscalator.CallsPerRequest"/> × n overdue requests;
/// the reads do not grow with n (before, every request read its account and the routes again).
/// </summary>
[CustomApi(Api.UniqueName,
    Description = "Escalates pending credit approval requests past their due time (all, or the one given); the process 'Escalate overdue credit approval' calls it.")]
[CustomApiRequestParameter(Api.Request.ApprovalRequest, CustomApiFieldType.EntityReference, IsOptional = true, EntityLogicalName = CreditApprovalRequest.EntityLogicalName)]
[CustomApiResponseProperty(Api.Response.Escalated, CustomApiFieldType.Integer)]
public sealed class EscalateOverdueCreditApprovalsPlugin : PluginBase
{
    /// <summary>The call budget for <paramref name="overdueRequests"/> escalated at once.</summary>
    public static int MaximumCalls(int overdueRequests) => 1 + ApprovalEscalator.ConstantReads + (ApprovalEscalator.CallsPerRequest * overdueRequests);

    public EscalateOverdueCreditApprovalsPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var only = context.GetInputParameter<EntityReference>(Api.Request.ApprovalRequest);
        if (only is not null)
        {
            if (only.LogicalName != CreditApprovalRequest.EntityLogicalName)
            {
                throw new InvalidPluginExecutionException($"Escalation takes a credit approval request, not a {only.LogicalName}.");
            }

            WorkflowStepCallers.RequireRead(context.UserService, only, CreditApprovalRequest.PrimaryIdAttribute);
        }

        context.SetOutputParameter(Api.Response.Escalated, ApprovalEscalator.EscalateOverdue(context.SystemService, context.OperationCreatedOn, only));
    }
}
