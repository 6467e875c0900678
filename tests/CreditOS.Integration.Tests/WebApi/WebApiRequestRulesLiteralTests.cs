using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.Solution.Metadata;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// Web API round 10 (session 18): the rules <see cref="WorkerRequestRulesTests"/> applies to every request the worker sends now also
/// refuse a JSON body sent without Content-Type: application/json, an alternate-key value that is not its column's literal (text
/// unquoted or with a lone quote, a choice quoted, a date key as a date-time), a key that is not one of the table's, a body date of the
/// wrong Edm type for its column, a date-only column compared with a date-time, page sizes outside 1 to 5,000 or beside $top,
/// return=representation without $select or on a read, If-Match with If-None-Match, and a URL segment over 260 characters; the
/// "If-None-Match: null" every request should carry (Compose HTTP requests and handle errors) is no longer taken for a precondition. Each case
/// is refused and its corrected form passes.
/// </summary>
public sealed class WebApiRequestRulesLiteralTests
{
    private const string Json = "application/json; type=entry";
    private readonly WebApiRequestRules _rules = new(SolutionMetadataLoader.LoadEmbedded(), _ => false);

    /// <summary>Each case: the request as sent, what its refusal names, then its corrected form (null: unchanged).</summary>
    public static TheoryData<Sent, string, Sent> RefusedAndCorrected => new()
    {
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid='4711')", "{\"cos_amount\":1}", "Content-Type: text/plain"), "not application/json", new(Headers: "Content-Type: application/json") },
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid=4711)", "{\"cos_amount\":1}"), "not a quoted string", new(Url: "cos_payments(cos_sourcesystem='SAP',cos_erpid='4711')") },
        { new("PATCH", "salesorders(cos_channel='412500001',cos_channelorderref='W-1')", "{\"name\":\"x\"}"), "not a bare whole number", new(Url: "salesorders(cos_channel=412500001,cos_channelorderref='W-1')") },
        { new("PATCH", "cos_payments(cos_erpid='4711')", "{\"cos_amount\":1}"), "is not an alternate key of cos_payment", new(Url: "cos_payments(cos_sourcesystem='SAP',cos_erpid='4711')") },
        { new("PATCH", "accounts(accountnumber='O'Neil')", "{\"name\":\"x\"}"), "accounts(accountnumber='O'Neil')", new(Url: "accounts(accountnumber='O''Neil')") },
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", "{\"cos_paymentdate\":\"2026-12-05T00:00:00Z\"}"), "is not yyyy-MM-dd", new(Body: "{\"cos_paymentdate\":\"2026-12-05\"}") },
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", "{\"cos_appliedon\":\"2026-12-05\"}"), "is not a date-time with offset", new(Body: "{\"cos_appliedon\":\"2026-12-05T09:30:00Z\"}") },
        { new("GET", "cos_payments?$select=cos_erpid&$filter=cos_paymentdate ge 2026-12-01T00:00:00Z"), "date-only column 'cos_paymentdate'", new(Url: "cos_payments?$select=cos_erpid&$filter=cos_paymentdate ge 2026-12-01") },
        { new("GET", "accounts?$select=name", Headers: "Prefer: odata.maxpagesize=0"), "not a page size of 1 to 5000", new(Headers: "Prefer: odata.maxpagesize=500") },
        { new("GET", "accounts?$select=name&$top=10", Headers: "Prefer: odata.maxpagesize=500"), "$top beside odata.maxpagesize", new(Url: "accounts?$select=name") },
        { new("PATCH", "salesorders(cos_channel=412500001,cos_channelorderref='W-1')", "{\"name\":\"x\"}", "Prefer: return=representation"), "without $select", new(Url: "salesorders(cos_channel=412500001,cos_channelorderref='W-1')?$select=salesorderid") },
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", "{\"cos_amount\":1}", "If-Match: *|If-None-Match: *"), "If-Match and If-None-Match together", new(Headers: "If-None-Match: *") },
        { new("GET", $"accounts(accountnumber='{new string('A', 300)}')?$select=name"), "at most 260", new(Url: "accounts(accountnumber='AAAA')?$select=name") },
        { new("GET", "accounts?$select=name", Headers: "If-None-Match: W/\"1\""), "If-None-Match", new(Headers: "If-None-Match: null") },
        { new("PATCH", "accounts(00000000-0000-0000-0000-000000000001)", "{\"name\":\"x\"}", "If-None-Match: null"), "an upsert", new(Headers: "If-Match: *|If-None-Match: null") },
        // Session 24: the bypass headers are modelled; the worker's user may not send them (its guards must run).
        { new("PATCH", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", "{\"cos_amount\":1}", "If-Match: *|MSCRM.BypassBusinessLogicExecution: CustomSync"), "MSCRM.BypassBusinessLogicExecution", new(Headers: "If-Match: *") },
    };

    [Theory]
    [MemberData(nameof(RefusedAndCorrected))]
    public void TheRules_RefuseTheRequest_AndPassItsCorrectedForm(Sent sent, string refusal, Sent correction)
    {
        var corrected = sent with
        {
            Url = correction.Url ?? sent.Url,
            Body = correction.Body ?? sent.Body,
            Headers = correction.Headers ?? (sent.Headers?.StartsWith("Content-Type", StringComparison.Ordinal) == true ? null : sent.Headers),
        };

        Assert.Contains(_rules.Check(sent.ToRequest()), rule => rule.Contains(refusal, StringComparison.Ordinal));
        Assert.Empty(_rules.Check(corrected.ToRequest()));
    }

    /// <summary>A request as a test writes it: headers as "Name: value|Name: value"; a body is sent as JSON unless a header says otherwise.</summary>
    public sealed record Sent(string? Method = null, string? Url = null, string? Body = null, string? Headers = null)
    {
        public WebApiRequest ToRequest()
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Body is not null)
            {
                headers["Content-Type"] = Json;
            }

            foreach (var header in (Headers ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                headers[header.Split(':', 2)[0].Trim()] = header.Split(':', 2)[1].Trim();
            }

            return new WebApiRequest(Method!, Url!, headers, Body);
        }
    }
}
