using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>The SDK type Dataverse carries for each CustomApiFieldType number, so a parameter of another type is refused as it is there.</summary>
public static class CustomApiFieldTypes
{
    public const int Boolean = 0;
    public const int DateTime = 1;
    public const int Decimal = 2;
    public const int Entity = 3;
    public const int EntityCollection = 4;
    public const int EntityReference = 5;
    public const int Float = 6;
    public const int Integer = 7;
    public const int Money = 8;
    public const int Picklist = 9;
    public const int String = 10;
    public const int StringArray = 11;
    public const int Guid = 12;

    public static Type ClrType(int fieldType) => fieldType switch
    {
        Boolean => typeof(bool),
        DateTime => typeof(System.DateTime),
        Decimal => typeof(decimal),
        Entity => typeof(Microsoft.Xrm.Sdk.Entity),
        EntityCollection => typeof(Microsoft.Xrm.Sdk.EntityCollection),
        EntityReference => typeof(Microsoft.Xrm.Sdk.EntityReference),
        Float => typeof(double),
        Integer => typeof(int),
        Money => typeof(Microsoft.Xrm.Sdk.Money),
        Picklist => typeof(OptionSetValue),
        String => typeof(string),
        StringArray => typeof(string[]),
        Guid => typeof(System.Guid),
        _ => throw new ArgumentOutOfRangeException(nameof(fieldType), fieldType, "Not a CustomApiFieldType value."),
    };
}
