using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Turns a value given in a condition (typed in a QueryExpression, text in FetchXML) into the canonical
/// value of the column's kind, or fails as Dataverse does when it cannot.
/// </summary>
internal static class ConditionValueCoercer
{
    private static readonly string[] DateFormats = ["o", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-dd HH:mm:ss"];

    /// <param name="primaryKey">
    /// The column is the table's primary key: it takes a Guid (or its text), never an EntityReference. Dataverse answers
    /// "expected argument(s) of type 'System.Guid' but received 'Microsoft.Xrm.Sdk.EntityReference'" for
    /// <c>AddCondition("accountid", ConditionOperator.Equal, entityRef)</c> (confirmed against a live environment in
    /// jordimontana82/fake-xrm-easy#258), while a lookup column takes the reference's Id.
    /// </param>
    public static object Coerce(object? raw, ValueKind kind, string table, string column, bool primaryKey = false)
    {
        if (raw is null)
        {
            throw QueryFaults.InvalidValue(
                $"Condition for attribute '{table}.{column}': null is not a valid value for an attribute. Use 'Null' or 'NotNull' conditions instead.");
        }

        var coerced = kind switch
        {
            ValueKind.Text => raw switch
            {
                string text => text,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            },
            ValueKind.Number => ToDecimal(raw),
            ValueKind.Float => ToDouble(raw),
            ValueKind.DateTime => ToDateTime(raw),
            ValueKind.Identifier => primaryKey && raw is EntityReference ? null : ToGuid(raw),
            ValueKind.Boolean => ToBoolean(raw),
            ValueKind.Choice => ToChoice(raw),
            _ => null,
        };

        // Dataverse's sentence ends with the received type; the value itself is not repeated (a live answer quoted in
        // daryllabar/XrmUnitTest#246: "Condition for attribute 'contact.parentcustomerid': expected argument(s) of type
        // 'System.Guid' but received 'System.Int32'."). Before round 11 the value followed in parentheses.
        return coerced ?? throw QueryFaults.InvalidValue(
            $"Condition for attribute '{table}.{column}': expected argument(s) of type '{ExpectedType(kind)}' but received '{raw.GetType().FullName}'.");
    }

    /// <summary>Whole-number arguments of relative date operators (last-x-days and the like).</summary>
    public static int CoerceCount(object? raw, string table, string column)
    {
        var number = raw is null ? null : ToDecimal(raw) as decimal?;
        if (number is not { } value || value != decimal.Truncate(value) || value < 0 || value > int.MaxValue)
        {
            throw QueryFaults.InvalidValue(
                $"Condition for attribute '{table}.{column}': expected a whole number of periods but received '{raw}'.");
        }

        return (int)value;
    }

    private static object? ToDecimal(object raw) => raw switch
    {
        decimal number => number,
        int number => (decimal)number,
        long number => (decimal)number,
        short number => (decimal)number,
        double number when double.IsFinite(number) => (decimal)number,
        float number when float.IsFinite(number) => (decimal)number,
        Money money => money.Value,
        string text when decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static object? ToDouble(object raw) => raw switch
    {
        double number => number,
        float number => (double)number,
        int number => (double)number,
        long number => (double)number,
        decimal number => (double)number,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static object? ToDateTime(object raw) => raw switch
    {
        DateTime moment => CanonicalValue.AsUtc(moment),
        DateTimeOffset moment => moment.UtcDateTime,
        string text when DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.UtcDateTime,
        _ => null,
    };

    private static object? ToGuid(object raw) => raw switch
    {
        Guid id => id,
        EntityReference reference => reference.Id,
        string text when Guid.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    private static object? ToBoolean(object raw) => raw switch
    {
        bool flag => flag,
        int number when number is 0 or 1 => number == 1,
        string text when text is "1" or "0" => text == "1",
        string text when bool.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    private static object? ToChoice(object raw) => raw switch
    {
        int number => number,
        OptionSetValue option => option.Value,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string ExpectedType(ValueKind kind) => kind switch
    {
        ValueKind.Text => typeof(string).FullName!,
        ValueKind.Number => typeof(decimal).FullName!,
        ValueKind.Float => typeof(double).FullName!,
        ValueKind.DateTime => typeof(DateTime).FullName!,
        ValueKind.Identifier => typeof(Guid).FullName!,
        ValueKind.Boolean => typeof(bool).FullName!,
        _ => typeof(int).FullName!,
    };
}
