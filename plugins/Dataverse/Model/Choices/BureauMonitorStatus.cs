namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.cos_bureaumonitorstatus</c>.</summary>
[ChoiceColumn("account", "cos_bureaumonitorstatus")]
public enum BureauMonitorStatus
{
    Pending = 412500000,
    Monitored = 412500001,
    NotFound = 412500002,
    Failed = 412500003,
}
