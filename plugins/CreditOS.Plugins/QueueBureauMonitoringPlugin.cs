using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the unbound Custom API cos_QueueBureauMonitoring (the account form's and views' "Monitor with
/// bureau" command): queues the accounts for the worker's daily job (<see cref="BureauMonitoringQueue"/>), as the caller.
/// </summary>
[CustomApi(QueueBureauMonitoringApi.UniqueName, Description = "Queues the selected accounts for daily monitoring at the credit bureau.")]
[CustomApiRequestParameter(QueueBureauMonitoringApi.Request.AccountIds, CustomApiFieldType.StringArray)]
[CustomApiResponseProperty(QueueBureauMonitoringApi.Response.Queued, CustomApiFieldType.Integer)]
public sealed class QueueBureauMonitoringPlugin : PluginBase
{
    public QueueBureauMonitoringPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var queued = BureauMonitoringQueue.Queue(context.UserService, context.GetInputParameter<string[]>(QueueBureauMonitoringApi.Request.AccountIds));
        context.SetOutputParameter(QueueBureauMonitoringApi.Response.Queued, queued);
    }
}
