namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Names and ids of the approval configuration the solution ships: the Finance approver role, the Finance
/// team (imported with its solution id from solution/data/data.xml) and the environment variables.
/// </summary>
public static class ApprovalConfiguration
{
    /// <summary>The Finance approver role's name, for messages only: a role is never recognised by its name.</summary>
    public const string FinanceApproverRoleName = "creditOS Finance Approver";

    /// <summary>
    /// The solution's "creditOS Finance Approver" role (solution/src/Roles): its id in the root business unit, and the
    /// parent root role id of its copies in every other business unit. Holders may decide approval requests; a role
    /// someone creates with the same name has another id and grants nothing.
    /// </summary>
    public static readonly Guid FinanceApproverRoleId = new("1e8ab5a9-dcfa-5566-8934-398cb460f870");

    /// <summary>The "Finance credit approvers" team; its members may decide approval requests.</summary>
    public static readonly Guid FinanceTeamId = new("b9f02795-1014-5ba8-80e0-c674e834cd5d");

    /// <summary>The Finance approvers' queue, "Credit approvals - Finance" (solution/data/data.xml, the Finance team's queue).</summary>
    public static readonly Guid FinanceQueueId = new("d862d8b6-fd06-571f-b618-6ea29cd26b1e");

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
