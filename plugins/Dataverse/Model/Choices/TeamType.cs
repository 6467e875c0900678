namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>team.teamtype</c>.</summary>
[ChoiceColumn("team", "teamtype")]
public enum TeamType
{
    Owner = 0,
    Access = 1,
    SecurityGroup = 2,
    OfficeGroup = 3,
}
