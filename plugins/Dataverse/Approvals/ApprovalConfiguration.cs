namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Names and ids of the approval configuration the solution ships: the Finance approver role, the Finance
/// team (imported with its solution id from solution/data/data.xml) and the environment variables.
/// </summary>
public static class ApprovalConfiguration
{
    /// <summary>Security role whose members may decide approval requests (matched by name: role ids differ per business unit).</summary>
    public const string FinanceApproverRoleName = "creditOS Finance Approver";

    /// <summary>The "Finance credit approvers" team; its members may decide approval requests.</summary>
    public static readonly Guid FinanceTeamId = new("b9f02795-1014-5ba8-80e0-c674e834cd5d");

    public static class EnvironmentVariables
    {
        public const string ApprovalDueHours = "cos_ApprovalDueHours";
        public const string EscalationQueueName = "cos_EscalationQueueName";
        public const string LimitIncreaseApprovalAmount = "cos_LimitIncreaseApprovalAmount";
        public const string AlertUtilizationWarning = "cos_AlertUtilizationWarning";
        public const string AlertUtilizationCritical = "cos_AlertUtilizationCritical";
        public const string AlertOverdueAmount = "cos_AlertOverdueAmount";
    }
}
