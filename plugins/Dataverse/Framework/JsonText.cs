using System.Globalization;
using System.Text;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// Writes a JSON string literal. Plug-ins target .NET Framework 4.6.2 without a JSON library, so the few places that hand
/// JSON text out (the payment-history report, the nightly page's rows for the worker) share this one escaper. '&lt;' is
/// escaped too, so the text is also safe inside an HTML page's script.
/// </summary>
public static class JsonText
{
    public static StringBuilder AppendString(this StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<': json.Append("\\u003c"); break;
                default:
                    if (c < ' ')
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"');
    }
}
