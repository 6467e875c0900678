namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>environmentvariablevalue.statecode</c>.</summary>
[ChoiceColumn("environmentvariablevalue", "statecode")]
public enum EnvironmentVariableValueState
{
    Active = 0,
    Inactive = 1,
}
