using System.Globalization;
using System.Text;
using CreditOS.Dataverse.Framework;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The rows a nightly page hands back for the integration worker to write in bulk (session 21), as JSON text:
/// <c>{"cos_receivable":[{"cos_receivableid":"…","cos_latepaymentprobability":0.1234,…}]}</c>, one array per table, each row its
/// primary key and the changed columns by logical name. Values are plain JSON: numbers (decimal, whole, choice and money
/// values), text, true/false, a lookup as its row id, a date as <c>yyyy-MM-dd</c> (the rows carry date-only columns only),
/// null to clear. The worker turns them into UpdateMultiple targets with the solution's metadata (types, navigation
/// properties). A plug-in targets .NET Framework 4.6.2 without a JSON library, hence this small writer.
/// </summary>
public static class PageRowsJson
{
    public static string Write(string table, string primaryIdColumn, IEnumerable<Entity> rows)
    {
        var json = new StringBuilder();
        json.Append("{\"").Append(table).Append("\":[");
        var first = true;
        foreach (var row in rows)
        {
            json.Append(first ? "{" : ",{");
            first = false;
            json.Append('"').Append(primaryIdColumn).Append("\":\"").Append(row.Id.ToString("D")).Append('"');
            foreach (var attribute in row.Attributes.Where(a => a.Key != primaryIdColumn).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.Append(",\"").Append(attribute.Key).Append("\":");
                Value(json, row.Id, attribute.Key, attribute.Value);
            }

            json.Append('}');
        }

        return json.Append("]}").ToString();
    }

    private static void Value(StringBuilder json, Guid id, string column, object? value)
    {
        switch (value)
        {
            case null:
                json.Append("null");
                break;
            case decimal number:
                json.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case int whole:
                json.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            case long whole:
                json.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            case bool flag:
                json.Append(flag ? "true" : "false");
                break;
            case OptionSetValue option:
                json.Append(option.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Money money:
                json.Append(money.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case EntityReference reference:
                json.Append('"').Append(reference.Id.ToString("D")).Append('"');
                break;
            case DateTime date:
                json.Append('"').Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('"');
                break;
            case string text:
                json.AppendString(text);
                break;
            default:
                throw new InvalidPluginExecutionException("Column " + column + " of row " + id + " holds a " + value.GetType().Name + ", which the page's rows for the worker do not carry.");
        }
    }
}
