namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>environmentvariablevalue.statuscode</c>.</summary>
[ChoiceColumn("environmentvariablevalue", "statuscode")]
public enum EnvironmentVariableValueStatus
{
    Active = 1,
    Inactive = 2,
}
