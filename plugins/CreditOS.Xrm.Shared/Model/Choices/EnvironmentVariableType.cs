namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>environmentvariabledefinition.type</c>.</summary>
[ChoiceColumn("environmentvariabledefinition", "type")]
public enum EnvironmentVariableType
{
    String = 100000000,
    Number = 100000001,
    Boolean = 100000002,
    JSON = 100000003,
    DataSource = 100000004,
    Secret = 100000005,
}
