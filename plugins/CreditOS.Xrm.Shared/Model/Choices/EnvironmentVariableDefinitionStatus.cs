namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>environmentvariabledefinition.statuscode</c>.</summary>
[ChoiceColumn("environmentvariabledefinition", "statuscode")]
public enum EnvironmentVariableDefinitionStatus
{
    Active = 1,
    Inactive = 2,
}
