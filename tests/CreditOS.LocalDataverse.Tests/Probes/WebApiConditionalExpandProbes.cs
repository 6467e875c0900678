using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Conditional retrieval and $expand (fidelity round 6). "Query must not include $expand: The Etag can only detect if the single
/// record that is being retrieved has changed. When you use $expand in your query, additional records may be returned and it is not
/// possible to detect whether or not any of those records have changed. If the query includes $expand it will never return 304 Not
/// Modified" (webapi/perform-conditional-operations-using-web-api). The local host answered 304 when the row's ETag matched.
/// </summary>
public sealed class WebApiConditionalExpandProbes
{
    [Fact]
    public async Task IfNoneMatchWithTheCurrentETag_Answers304_ButNeverWithExpand()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", contact) });
        var etag = (await host.GetAsync($"accounts({account})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
        host.Service.Update(new Entity("contact", contact) { ["lastname"] = "Smith-Jones" });

        var plain = await host.GetAsync($"accounts({account})?$select=name", ("If-None-Match", etag));
        var expanded = await host.GetAsync($"accounts({account})?$select=name&$expand=primarycontactid($select=lastname)", ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, plain.Status);
        Assert.Equal(HttpStatusCode.OK, expanded.Status);
        Assert.Equal(etag, expanded.Json["@odata.etag"]!.GetValue<string>());
        Assert.Equal("Smith-Jones", expanded.Json["primarycontactid"]!["lastname"]!.GetValue<string>());
    }
}
