namespace CreditOS.Dataverse.Model;

/// <summary>Choices of the global <c>cos_alertseverity</c> (on <c>cos_bureaualertrule.cos_severity</c> and <c>cos_creditalert.cos_severity</c>).</summary>
[ChoiceColumn("cos_bureaualertrule", "cos_severity")]
public enum AlertSeverityChoice
{
    Information = 412500000,
    Warning = 412500001,
    Critical = 412500002,
}
