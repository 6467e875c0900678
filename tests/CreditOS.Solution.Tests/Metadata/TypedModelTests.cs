using System.Reflection;
using CreditOS.Dataverse.Model;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Tests.Metadata;

/// <summary>The hand-kept constants in plugins/Dataverse/Model must name what the solution declares.</summary>
public sealed class TypedModelTests
{
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    private static readonly Type[] ModelTypes = [.. typeof(ChoiceColumnAttribute).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(ChoiceColumnAttribute).Namespace)];

    public static TheoryData<string> TableClasses() => [.. ModelTypes.Where(t => t.IsClass && t.IsAbstract && t.IsSealed && Const(t, "EntityLogicalName") is not null).Select(t => t.Name)];

    public static TheoryData<string> ChoiceEnums() => [.. ModelTypes.Where(t => t.IsEnum).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TableClasses))]
    public void TableConstants_NameTheTableItsIdAndEntitySet(string className)
    {
        var type = ModelType(className);
        var table = Catalog.FindTable(Const(type, "EntityLogicalName")!);

        Assert.NotNull(table);
        Assert.Equal(table.EntitySetName, Const(type, "EntitySetName"));
        Assert.Equal(table.PrimaryIdAttribute, Const(type, "PrimaryIdAttribute"));
        Assert.Equal(table.PrimaryNameAttribute, Const(type, "PrimaryNameAttribute"));
    }

    [Theory]
    [MemberData(nameof(TableClasses))]
    public void FieldConstants_NameColumnsOfTheirTable(string className)
    {
        var type = ModelType(className);
        var table = Catalog.FindTable(Const(type, "EntityLogicalName")!)!;
        var fields = type.GetNestedType("Fields") ?? throw new InvalidOperationException($"{className} has no Fields class.");

        var unknown = Consts(fields).Where(c => table.FindColumn(c.Value) is null && !IsPlatformBaseColumn(table, c.Value)).Select(c => $"{c.Name} = {c.Value}").ToList();

        Assert.Empty(unknown);
        Assert.NotEmpty(Consts(fields));
    }

    /// <summary>
    /// Dataverse adds an x_base column beside each money column x ("for each currency column you add, another currency column
    /// is added with the suffix _Base"), so the solution never declares it; a constant may name it when x is money.
    /// </summary>
    private static bool IsPlatformBaseColumn(TableDefinition table, string column) =>
        column.EndsWith("_base", StringComparison.Ordinal)
        && table.FindColumn(column[..^"_base".Length]) is { Type: ColumnType.Money };

    [Theory]
    [MemberData(nameof(TableClasses))]
    public void KeyConstants_NameAlternateKeysOfTheirTable(string className)
    {
        var type = ModelType(className);
        var table = Catalog.FindTable(Const(type, "EntityLogicalName")!)!;
        var keys = type.GetNestedType("Keys");

        var declared = keys is null ? [] : Consts(keys).Select(c => c.Value).ToList();

        Assert.Equal(table.AlternateKeys.Select(k => k.LogicalName).Order(), declared.Order());
    }

    [Theory]
    [MemberData(nameof(ChoiceEnums))]
    public void ChoiceEnum_MirrorsEveryOptionOfItsColumn(string enumName)
    {
        var type = ModelType(enumName);
        var choice = type.GetCustomAttribute<ChoiceColumnAttribute>() ?? throw new InvalidOperationException($"{enumName} has no [ChoiceColumn].");
        var column = Catalog.FindTable(choice.Table)?.FindColumn(choice.Column);

        Assert.NotNull(column);
        Assert.Equal(column.Options.Select(o => o.Value).Order(), Enum.GetValues(type).Cast<int>().Order());
    }

    [Fact]
    public void Model_CoversEveryCreditOsTable()
    {
        var modelled = ModelTypes.Select(t => Const(t, "EntityLogicalName")).OfType<string>().ToHashSet();

        var missing = Catalog.Tables.Select(t => t.LogicalName).Where(t => !modelled.Contains(t)).ToList();

        Assert.True(missing.Count == 0, "Tables without typed names: " + string.Join(", ", missing));
    }

    private static Type ModelType(string name) => ModelTypes.Single(t => t.Name == name && !t.IsNested);

    private static string? Const(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null;

    private static List<(string Name, string Value)> Consts(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (f.Name, (string)f.GetRawConstantValue()!))];
}
