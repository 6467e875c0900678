namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_configurationchange.statuscode</c>.</summary>
[ChoiceColumn("cos_configurationchange", "statuscode")]
public enum ConfigurationChangeStatus
{
    Proposed = 1,
    Applied = 2,
}
