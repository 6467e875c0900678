namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_configurationchange.statecode</c>: active while proposed, inactive once applied.</summary>
[ChoiceColumn("cos_configurationchange", "statecode")]
public enum ConfigurationChangeState
{
    Active = 0,
    Inactive = 1,
}
