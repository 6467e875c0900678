namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>environmentvariabledefinition.statecode</c>.</summary>
[ChoiceColumn("environmentvariabledefinition", "statecode")]
public enum EnvironmentVariableDefinitionState
{
    Active = 0,
    Inactive = 1,
}
