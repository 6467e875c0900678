using System.Globalization;
using System.Text;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>Builds alternate-key segments: cos_payments(cos_sourcesystem='SAP',cos_erpid='4711').</summary>
public static class ODataKey
{
    public static string For(string entitySet, params (string Column, string Value)[] keyValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(entitySet);
        ArgumentNullException.ThrowIfNull(keyValues);
        var builder = new StringBuilder(entitySet).Append('(');
        for (var index = 0; index < keyValues.Length; index++)
        {
            if (index > 0)
            {
                builder.Append(',');
            }

            builder.Append(keyValues[index].Column).Append('=').Append(Literal(keyValues[index].Value));
        }

        return builder.Append(')').ToString();
    }

    /// <summary>An OData string literal: quotes doubled, then escaped for a URL path.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + Uri.EscapeDataString(value.Replace("'", "''", StringComparison.Ordinal)) + "'";
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
