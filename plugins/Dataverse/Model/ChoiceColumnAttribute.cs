namespace CreditOS.Dataverse.Model;

/// <summary>Names the choice column whose option values an enum mirrors, so a test can hold the enum to the solution.</summary>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = false)]
public sealed class ChoiceColumnAttribute : Attribute
{
    public ChoiceColumnAttribute(string table, string column)
    {
        Table = table;
        Column = column;
    }

    public string Table { get; }
    public string Column { get; }
}
