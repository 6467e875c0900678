namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>A request parameter or response property of a Custom API. <see cref="FieldType"/> is Dataverse's CustomApiFieldType number.</summary>
public sealed record CustomApiField(string UniqueName, int FieldType, bool IsOptional, string? EntityLogicalName);

/// <summary>A Custom API message whose main operation (stage 30) is the plug-in class that declares it.</summary>
public sealed record CustomApiRegistration(
    string UniqueName,
    Type PluginType,
    string? BoundEntity,
    bool IsFunction,
    IReadOnlyList<CustomApiField> RequestParameters,
    IReadOnlyList<CustomApiField> ResponseProperties,
    string? SecureConfiguration);
