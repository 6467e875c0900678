using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) moves an account out of or between credit groups (<see cref="CreditGroupMembershipGuard"/>).
/// Pre-validation, synchronous. Budget: 0 when the parent does not change or the account had none; 1 to read the
/// parents; 2–3 more (who SYSTEM is, whether the caller is a Finance approver) when a credit group is concerned.
/// Deactivation (statecode) of a group parent or member: 0 for a parent, 1 to read a member's parent, then who SYSTEM
/// is and the Finance check. A Finance approver taking the account out of a group (controls round 11), or deactivating a
/// group parent or member that owes something (round 12), also needs the approval authority for it: the account and the
/// matrix, <see cref="CreditGroupMembershipGuard.MaximumCalls"/> in all (GroupExitAuthorityControlTests,
/// GroupDeactivationAuthorityControlTests, CreditGroupMembershipControlTests).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = CreditGroupMembershipGuard.FilteringColumns, Description = "Only Finance moves an account out of or between credit groups, or deactivates a group parent or member.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CreditGroupMembershipGuard.ImageColumns)]
public sealed class CreditGroupMembershipGuardPlugin : PluginBase
{
    public const string UpdateStepId = "e7c4a2b9-3d58-4f61-8a0e-9b2f6d13c577";
    public const string PreImageAlias = "PreImage";

    public CreditGroupMembershipGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        CreditGroupMembershipGuard.Check(
            context.SystemService,
            context.TargetEntity,
            before,
            FinanceOrCreditFlow.Caller(context),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService),
            context.UserId,
            context.OperationCreatedOn);
    }
}
