using System.Xml.Linq;
using CreditOS.Dataverse.Framework;
using static CreditOS.Dataverse.Framework.FetchXml;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// The plug-ins write their FetchXML without an XmlWriter (<see cref="FetchXml.Text"/>, session 15): the text must be
/// exactly what <c>ToString(SaveOptions.DisableFormatting)</c> writes, escapes included, and whatever it does not write
/// itself falls back to it.
/// </summary>
public sealed class FetchXmlTextTests
{
    public static TheoryData<string> Queries => new()
    {
        "aggregate",
        "paged",
        "escaped",
        "empty text",
        "namespaced",
        "control characters",
        "comment",
        "cdata",
        "non-ascii",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Text_IsWhatTheXmlWriterWrites(string name)
    {
        var fetch = Build(name);

        Assert.Equal(fetch.ToString(SaveOptions.DisableFormatting), FetchXml.Text(fetch));
    }

    private static XElement Build(string name)
    {
        var account = Guid.Parse("0b7e4a51-3c0d-4f4e-9d54-4a51f0c1d2e3");
        switch (name)
        {
            case "aggregate":
                return AggregateFetch(
                    "salesorder",
                    GroupBy("statecode", "state"),
                    Aggregate("totalamount", "sum", "amount"),
                    Filter(Condition("customerid", "eq", account), Condition("createdon", "on-or-before", new DateTime(2026, 12, 5)), Condition("statecode", "not-null")),
                    AnyOf(Condition("amount", "gt", 12.5m)));
            case "paged":
                var paged = AggregateFetch("cos_receivable", Aggregate("cos_amount", "max", "largest"));
                paged.SetAttributeValue("page", "2");
                paged.SetAttributeValue("count", "5000");
                return paged;
            case "escaped":
                return new XElement("fetch", new XElement("entity", new XAttribute("name", "account"),
                    Filter(Condition("name", "like", "A&B <\"Ltd\"> 'x'")),
                    new XElement("value", "R&D <1> \"q\" 'a'")));
            case "empty text":
                return new XElement("fetch", new XElement("value", string.Empty), new XElement("value"));
            case "namespaced":
                XNamespace space = "urn:x";
                return new XElement("fetch", new XElement(space + "entity", new XAttribute("name", "account")));
            case "control characters":
                return new XElement("fetch", new XAttribute("note", "a\tb\nc\rd"), new XElement("value", "line\r\nnext\tx"));
            case "comment":
                return new XElement("fetch", new XComment("why"), new XElement("entity"));
            case "cdata":
                return new XElement("fetch", new XCData("<x>"));
            default:
                return new XElement("fetch", new XAttribute("name", "Zürich €"), new XElement("value", "naïve 😀"));
        }
    }
}
