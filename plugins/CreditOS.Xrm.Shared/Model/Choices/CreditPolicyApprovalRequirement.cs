namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>cos_creditpolicy.cos_approvalrequirement</c>.</summary>
[ChoiceColumn("cos_creditpolicy", "cos_approvalrequirement")]
public enum CreditPolicyApprovalRequirement
{
    OverLimitOnly = 412500000,
    EveryOrder = 412500001,
}
